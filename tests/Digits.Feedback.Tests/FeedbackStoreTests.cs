using Digits.Tests.Shared;

namespace Digits.Feedback.Tests;

/// <summary>What every feedback store must do, run against a real SQLite file and a real PostgreSQL server.</summary>
public abstract class FeedbackStoreTests : IAsyncLifetime
{
    private IFeedbackStore _store = null!;
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_796_000_000_000);

    protected abstract string Setting { get; }

    public virtual async Task InitializeAsync() => _store = (await FeedbackDatabase.OpenAsync(Setting))!;

    public virtual async Task DisposeAsync() => await _store.DisposeAsync();

    private static StoredPrediction Answer(string id, int secondsAgo, string answer = "7", string endpoint = Endpoints.Predict, bool review = false) =>
        new(id, Now.AddSeconds(-secondsAgo), "champion@1", endpoint, answer, 0.93, review, [0, 128, 255]);

    [Fact]
    public async Task An_answer_comes_back_as_it_was_kept_and_the_latest_truth_wins()
    {
        await _store.AddAsync([Answer("a", 5), Answer("b", 4, "4217", Endpoints.Read, review: true)]);
        Assert.True(await _store.SetTruthAsync("a", "1", Now));
        Assert.True(await _store.SetTruthAsync("a", "9", Now));
        Assert.False(await _store.SetTruthAsync("missing", "1", Now));

        var a = (await _store.FindAsync("a"))!;
        Assert.Equal(Answer("a", 5) with { Truth = "9", Input = a.Input }, a);
        Assert.Equal(new byte[] { 0, 128, 255 }, a.Input);
        var b = (await _store.FindAsync("b"))!;
        Assert.True(b.IsNumber && b.NeedsReview);
        Assert.Null(b.Truth);
        Assert.Null(await _store.FindAsync("missing"));
    }

    [Fact]
    public async Task Answers_since_a_time_come_oldest_first_and_corrected_ones_with_their_input()
    {
        await _store.AddAsync([Answer("new", 10), Answer("old", 100), Answer("middle", 50)]);
        await _store.SetTruthAsync("middle", "3", Now);

        var recent = await _store.AnswersSinceAsync(Now.AddSeconds(-60)).ToListAsync();
        Assert.Equal(["middle", "new"], recent.Select(a => a.Id));
        var corrected = await _store.CorrectedAsync().ToListAsync();
        Assert.Equal("middle", Assert.Single(corrected).Id);
        Assert.Equal(3, corrected[0].Input.Length);
    }

    [Fact]
    public async Task Retention_removes_answers_too_old_and_the_oldest_beyond_the_count()
    {
        await _store.AddAsync(Enumerable.Range(0, 6).Select(i => Answer($"r{i}", 3600 * i)).ToList());
        // Kept: at most 4, none older than 3.5 hours: r0..r3 by age, of which r0..r3 by count.
        Assert.Equal(2, await _store.TrimAsync(new Retention(4, TimeSpan.FromHours(3.5)), Now));
        Assert.Equal(["r3", "r2", "r1", "r0"], (await _store.AnswersSinceAsync(DateTimeOffset.UnixEpoch).ToListAsync()).Select(a => a.Id));
        Assert.Equal(1, await _store.TrimAsync(new Retention(3, TimeSpan.FromDays(1)), Now));
        Assert.Null(await _store.FindAsync("r3"));
    }
}

public sealed class SqliteFeedbackStoreTests : FeedbackStoreTests, IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    protected override string Setting => _folder.File("feedback.db");

    [Fact]
    public async Task The_file_is_in_write_ahead_log_mode()
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Setting}");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", await command.ExecuteScalarAsync());
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

public sealed class PostgreSqlFeedbackStoreTests(PostgreSqlServer postgres) : FeedbackStoreTests, IClassFixture<PostgreSqlServer>
{
    private readonly string _database = $"feedback_{Guid.NewGuid():N}";

    protected override string Setting => postgres.Url.Replace("/postgres", "/" + _database);

    public override async Task InitializeAsync()
    {
        // Each test gets a database of its own on the one server.
        await using (var admin = Npgsql.NpgsqlDataSource.Create(FeedbackDatabase.PostgreSqlConnection(postgres.Url)))
        await using (var create = admin.CreateCommand($"CREATE DATABASE {_database}"))
            await create.ExecuteNonQueryAsync();
        await base.InitializeAsync();
    }

    [Fact]
    public void A_url_becomes_npgsql_keywords()
    {
        var builder = FeedbackDatabase.PostgreSqlConnection("postgresql://ann:p%40ss@db.example:6543/digits?sslmode=require&timeout=5");
        Assert.Equal(("db.example", 6543, "digits", "ann", "p@ss"), (builder.Host, builder.Port, builder.Database, builder.Username, builder.Password));
        Assert.Equal(Npgsql.SslMode.Require, builder.SslMode);
        Assert.Equal(5, builder.Timeout);
    }
}
