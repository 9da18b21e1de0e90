namespace Digits.Feedback;

/// <summary>
/// Where answers and the feedback on them are kept. One implementation serves SQLite and PostgreSQL alike; several
/// servers may share one PostgreSQL store.
/// </summary>
public interface IFeedbackStore : IAsyncDisposable
{
    /// <summary>What the store is, for people: "sqlite /path/feedback.db", "postgresql host/db".</summary>
    string Description { get; }

    /// <summary>Writes answers in one transaction.</summary>
    Task AddAsync(IReadOnlyList<StoredPrediction> predictions, CancellationToken cancellation = default);

    /// <returns>The answer with this id, or null when there is none (never given, or removed by retention).</returns>
    Task<StoredPrediction?> FindAsync(string id, CancellationToken cancellation = default);

    /// <summary>Records what the answer should have been; the latest feedback wins. Durable when the task completes.</summary>
    /// <returns>False when the id is unknown.</returns>
    Task<bool> SetTruthAsync(string id, string truth, DateTimeOffset time, CancellationToken cancellation = default);

    /// <summary>Every answer given since <paramref name="since"/>, without its input, oldest first.</summary>
    IAsyncEnumerable<StoredPrediction> AnswersSinceAsync(DateTimeOffset since, CancellationToken cancellation = default);

    /// <summary>Every answer someone gave a truth for, with its input: the examples to train on.</summary>
    IAsyncEnumerable<StoredPrediction> CorrectedAsync(CancellationToken cancellation = default);

    /// <summary>Removes what <paramref name="retention"/> no longer keeps.</summary>
    /// <returns>How many answers were removed.</returns>
    Task<int> TrimAsync(Retention retention, DateTimeOffset now, CancellationToken cancellation = default);
}
