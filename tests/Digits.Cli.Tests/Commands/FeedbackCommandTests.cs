using Digits.Feedback;
using Digits.Tests.Shared;

namespace Digits.Cli.Tests.Commands;

/// <summary>`digits feedback export` against a real SQLite store, and the fine-tune flags' rules.</summary>
public sealed class FeedbackCommandTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    [Fact]
    public async Task Export_writes_the_answers_with_feedback_into_folders_by_label()
    {
        var database = _folder.File("feedback.db");
        await using (var store = (await FeedbackDatabase.OpenAsync(database))!)
        {
            await store.AddAsync([new StoredPrediction("a1", DateTimeOffset.UtcNow, "m@1", Endpoints.Predict, "7", 0.7, true, new byte[784])]);
            await store.SetTruthAsync("a1", "1", DateTimeOffset.UtcNow);
        }
        var output = _folder.File("out");
        var exit = await DigitsCommand.Create().Parse(["--models-dir", _folder.File("models"), "feedback", "export", output, "--feedback-db", database]).InvokeAsync();
        Assert.Equal(0, exit);
        Assert.True(File.Exists(Path.Combine(output, "1", "a1.png")));
    }

    [Fact]
    public async Task Export_without_a_store_says_where_it_looked_and_creates_nothing()
    {
        var exit = await DigitsCommand.Create().Parse(["--models-dir", _folder.File("models"), "feedback", "export", _folder.File("out")]).InvokeAsync();
        Assert.Equal(1, exit);
        Assert.False(File.Exists(_folder.File("feedback.db")));
    }

    [Fact]
    public async Task A_fine_tune_needs_both_a_parent_and_a_folder()
    {
        var exit = await DigitsCommand.Create().Parse(["--models-dir", _folder.File("models"), "train", "--model", "cnn", "--data", _folder.Path]).InvokeAsync();
        Assert.Equal(1, exit);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
