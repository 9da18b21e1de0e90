using System.Data.Common;
using System.Runtime.CompilerServices;

namespace Digits.Feedback;

/// <summary>The feedback store in SQL, the same statements on SQLite and PostgreSQL (see <see cref="SqlDialect"/>).</summary>
public sealed class SqlFeedbackStore : IFeedbackStore
{
    private const string Columns = "id, time_ms, model, endpoint, answer, confidence, needs_review, input, truth";
    private readonly DbDataSource _source;
    private readonly SqlDialect _dialect;

    private SqlFeedbackStore(DbDataSource source, SqlDialect dialect, string description)
    {
        _source = source;
        _dialect = dialect;
        Description = description;
    }

    public string Description { get; }

    /// <summary>Opens the store and creates its table if it is new.</summary>
    public static async Task<SqlFeedbackStore> OpenAsync(DbDataSource source, SqlDialect dialect, string description, CancellationToken cancellation = default)
    {
        var store = new SqlFeedbackStore(source, dialect, description);
        await store.CreateSchemaAsync(cancellation);
        return store;
    }

    private async Task CreateSchemaAsync(CancellationToken cancellation)
    {
        await using var connection = await OpenConnectionAsync(cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        if (_dialect.SchemaLock is { } lockStatement) await ExecuteAsync(connection, transaction, lockStatement, cancellation);
        await ExecuteAsync(connection, transaction,
            $"""
             CREATE TABLE IF NOT EXISTS predictions (
                 id TEXT PRIMARY KEY,
                 time_ms BIGINT NOT NULL,
                 model TEXT NOT NULL,
                 endpoint TEXT NOT NULL,
                 answer TEXT NOT NULL,
                 confidence DOUBLE PRECISION NOT NULL,
                 needs_review INTEGER NOT NULL,
                 input {_dialect.BlobType} NOT NULL,
                 truth TEXT,
                 feedback_ms BIGINT)
             """, cancellation);
        await ExecuteAsync(connection, transaction, "CREATE INDEX IF NOT EXISTS predictions_by_time ON predictions (time_ms)", cancellation);
        await transaction.CommitAsync(cancellation);
    }

    public async Task AddAsync(IReadOnlyList<StoredPrediction> predictions, CancellationToken cancellation = default)
    {
        if (predictions.Count == 0) return;
        await using var connection = await OpenConnectionAsync(cancellation);
        if (_dialect.UnsyncedBefore is { } before) await ExecuteAsync(connection, null, before, cancellation);
        await using var transaction = await connection.BeginTransactionAsync(cancellation);
        if (_dialect.UnsyncedWithin is { } within) await ExecuteAsync(connection, transaction, within, cancellation);
        await using var insert = connection.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = $"INSERT INTO predictions ({Columns}) VALUES (@id, @time, @model, @endpoint, @answer, @confidence, @review, @input, NULL)";
        var parameters = new[] { "id", "time", "model", "endpoint", "answer", "confidence", "review", "input" }
            .Select(name => Add(insert, name, DBNull.Value)).ToArray();
        foreach (var p in predictions)
        {
            object[] values = [p.Id, p.Time.ToUnixTimeMilliseconds(), p.Model, p.Endpoint, p.Answer, p.Confidence, p.NeedsReview ? 1 : 0, p.Input];
            for (var i = 0; i < values.Length; i++) parameters[i].Value = values[i];
            await insert.ExecuteNonQueryAsync(cancellation);
        }
        await transaction.CommitAsync(cancellation);
    }

    public async Task<StoredPrediction?> FindAsync(string id, CancellationToken cancellation = default)
    {
        await using var connection = await OpenConnectionAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM predictions WHERE id = @id";
        Add(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        return await reader.ReadAsync(cancellation) ? Read(reader, withInput: true) : null;
    }

    public async Task<bool> SetTruthAsync(string id, string truth, DateTimeOffset time, CancellationToken cancellation = default)
    {
        await using var connection = await OpenConnectionAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE predictions SET truth = @truth, feedback_ms = @time WHERE id = @id";
        Add(command, "truth", truth);
        Add(command, "time", time.ToUnixTimeMilliseconds());
        Add(command, "id", id);
        return await command.ExecuteNonQueryAsync(cancellation) > 0;
    }

    public async IAsyncEnumerable<StoredPrediction> AnswersSinceAsync(DateTimeOffset since, [EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var connection = await OpenConnectionAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns.Replace("input", "NULL")} FROM predictions WHERE time_ms >= @since ORDER BY time_ms";
        Add(command, "since", since.ToUnixTimeMilliseconds());
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) yield return Read(reader, withInput: false);
    }

    public async IAsyncEnumerable<StoredPrediction> CorrectedAsync([EnumeratorCancellation] CancellationToken cancellation = default)
    {
        await using var connection = await OpenConnectionAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM predictions WHERE truth IS NOT NULL ORDER BY time_ms";
        await using var reader = await command.ExecuteReaderAsync(cancellation);
        while (await reader.ReadAsync(cancellation)) yield return Read(reader, withInput: true);
    }

    public async Task<int> TrimAsync(Retention retention, DateTimeOffset now, CancellationToken cancellation = default)
    {
        await using var connection = await OpenConnectionAsync(cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = """
                              DELETE FROM predictions WHERE time_ms < @cutoff
                                  OR time_ms < (SELECT time_ms FROM predictions ORDER BY time_ms DESC LIMIT 1 OFFSET @keep)
                              """;
        Add(command, "cutoff", (now - retention.MaxAge).ToUnixTimeMilliseconds());
        Add(command, "keep", retention.MaxPredictions - 1);
        return await command.ExecuteNonQueryAsync(cancellation);
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();

    private async Task<DbConnection> OpenConnectionAsync(CancellationToken cancellation)
    {
        var connection = await _source.OpenConnectionAsync(cancellation);
        if (_dialect.OnOpen is { } settings) await ExecuteAsync(connection, null, settings, cancellation);
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellation)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellation);
    }

    private static DbParameter Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private static StoredPrediction Read(DbDataReader row, bool withInput) => new(
        row.GetString(0), DateTimeOffset.FromUnixTimeMilliseconds(row.GetInt64(1)), row.GetString(2), row.GetString(3), row.GetString(4),
        row.GetDouble(5), row.GetInt32(6) != 0, withInput ? (byte[])row.GetValue(7) : [], row.IsDBNull(8) ? null : row.GetString(8));
}
