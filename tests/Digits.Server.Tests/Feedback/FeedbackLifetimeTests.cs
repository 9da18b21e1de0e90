using System.Net;
using System.Net.Http.Json;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Feedback;

/// <summary>Feedback across restarts and retention, and a server with feedback switched off: each test starts its own servers.</summary>
public sealed class FeedbackLifetimeTests : IDisposable
{
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _feedback = new();

    private ServerOptions Options => new()
        { Urls = "http://127.0.0.1:0", ModelsDirectory = _models.Path, Quiet = true, FeedbackDatabase = _feedback.File("feedback.db") };

    private static async Task<string> PredictId(HttpClient client)
    {
        using var response = await client.PostAsync("/predict", Samples.Form(Samples.Photo(0, scale: 2)));
        return (await response.Json()).GetProperty("id").GetString()!;
    }

    [Fact]
    public async Task Answers_and_feedback_survive_a_restart()
    {
        string id, unanswered;
        await using (var first = await RunningServer.StartAsync(Options))
        {
            id = await PredictId(first.Client);
            unanswered = await PredictId(first.Client);
            using var response = await first.Client.PostAsJsonAsync("/feedback", new { id, label = 9 });
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }
        await using var second = await RunningServer.StartAsync(Options);
        // The answer given just before the restart was written at shutdown, so it still takes feedback.
        using (var late = await second.Client.PostAsJsonAsync("/feedback", new { id = unanswered, label = Samples.Label(0) }))
            Assert.Equal(HttpStatusCode.NoContent, late.StatusCode);
        var model = (await (await second.Client.GetAsync("/monitoring")).Json()).GetProperty("models")[0];
        Assert.Equal(2, model.GetProperty("predictions").GetInt32());
        Assert.Equal(2, model.GetProperty("labelled").GetInt32());
        Assert.Equal(0.5, model.GetProperty("accuracy").GetDouble());
        Assert.Equal(1, model.GetProperty("confusion_matrix")[9][Samples.Label(0)].GetInt32());
    }

    [Fact]
    public async Task Feedback_on_an_answer_older_than_the_server_keeps_gets_404()
    {
        await using var server = await RunningServer.StartAsync(Options with { FeedbackMaxAgeDays = 1.0 / 86_400 });
        var id = await PredictId(server.Client);
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        using var response = await server.Client.PostAsJsonAsync("/feedback", new { id, label = 1 });
        Assert.Contains("older than this server keeps", await response.Problem(404));
    }

    [Fact]
    public async Task The_oldest_answers_go_first_when_more_are_kept_than_allowed()
    {
        var store = await Digits.Feedback.FeedbackDatabase.OpenAsync(Options.FeedbackSetting);
        await using (store)
        {
            var now = DateTimeOffset.UtcNow;
            await store!.AddAsync(Enumerable.Range(0, 5).Select(i =>
                new Digits.Feedback.StoredPrediction($"answer{i}", now.AddSeconds(i - 10), "m@1", Digits.Feedback.Endpoints.Predict, "1", 0.9, false, [])).ToList());
            Assert.Equal(2, await store.TrimAsync(new Digits.Feedback.Retention(3, TimeSpan.FromDays(1)), now));
            Assert.Null(await store.FindAsync("answer1"));
            Assert.NotNull(await store.FindAsync("answer2"));
        }
    }

    [Fact]
    public async Task With_feedback_off_answers_still_come_but_feedback_is_refused()
    {
        await using var server = await RunningServer.StartAsync(Options with { FeedbackDatabase = "off" });
        var id = await PredictId(server.Client);
        using var response = await server.Client.PostAsJsonAsync("/feedback", new { id, label = 1 });
        Assert.Contains("keeps no answers", await response.Problem(404));
        var monitoring = await (await server.Client.GetAsync("/monitoring")).Json();
        Assert.Equal("off", monitoring.GetProperty("feedback_store").GetString());
        Assert.Equal(0, monitoring.GetProperty("models").GetArrayLength());
        Assert.False(File.Exists(_feedback.File("feedback.db")));
    }

    public void Dispose()
    {
        _models.Dispose();
        _feedback.Dispose();
    }
}
