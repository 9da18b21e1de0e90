using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Monitoring;

/// <summary>
/// Answers and feedback sent as a client would, some marked wrong, the server restarted: /monitoring and /metrics must
/// give the figures computed by hand from what was sent.
/// </summary>
public sealed class LiveMonitoringTests : IDisposable
{
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _feedback = new();

    private ServerOptions Options => new()
        { Urls = "http://127.0.0.1:0", ModelsDirectory = _models.Path, Quiet = true, FeedbackDatabase = _feedback.File("feedback.db") };

    private sealed record Sent(string Id, int Answer, bool NeedsReview, int? Truth);

    [Fact]
    public async Task Monitoring_and_metrics_give_the_hand_computed_figures_after_a_restart()
    {
        var sent = new List<Sent>();
        var model = "";
        await using (var server = await RunningServer.StartAsync(Options))
        {
            for (var i = 0; i < Samples.EasyDigits.Length; i++)
            {
                var index = Samples.EasyDigits[i];
                using var response = await server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(index, scale: 2)));
                var json = await response.Json();
                var answer = json.GetProperty("prediction").GetInt32();
                model = json.GetProperty("model").GetString()!;
                // The first four confirmed, the next three marked wrong (the truth one more than the answer), the rest left alone.
                int? truth = i < 4 ? answer : i < 7 ? (answer + 1) % 10 : null;
                sent.Add(new Sent(json.GetProperty("id").GetString()!, answer, json.GetProperty("needs_review").GetBoolean(), truth));
                if (truth is { } label)
                    using (var feedback = await server.Client.PostAsJsonAsync("/feedback", new { id = sent[^1].Id, label }))
                        Assert.Equal(HttpStatusCode.NoContent, feedback.StatusCode);
            }
        }

        await using var restarted = await RunningServer.StartAsync(Options);
        (await restarted.Client.GetAsync("/models")).Dispose();
        var monitoring = await (await restarted.Client.GetAsync("/monitoring?window=1h")).Json();
        var figures = monitoring.GetProperty("models").EnumerateArray().Single(m => m.GetProperty("model").GetString() == model);
        var id = model;

        var labelled = sent.Where(s => s.Truth is not null).ToList();
        var unflagged = labelled.Where(s => !s.NeedsReview).ToList();
        double expectedAccuracy = labelled.Count(s => s.Truth == s.Answer) / (double)labelled.Count;
        Assert.Equal(sent.Count, figures.GetProperty("predictions").GetInt32());
        Assert.Equal(7, figures.GetProperty("labelled").GetInt32());
        Assert.Equal(4 / 7.0, expectedAccuracy);
        Assert.Equal(expectedAccuracy, figures.GetProperty("accuracy").GetDouble(), 5);
        Assert.Equal(sent.Count(s => s.NeedsReview), figures.GetProperty("flagged").GetInt32());
        Assert.Equal(unflagged.Count, figures.GetProperty("unflagged_labelled").GetInt32());
        var matrix = figures.GetProperty("confusion_matrix");
        foreach (var group in labelled.GroupBy(s => (s.Truth!.Value, s.Answer)))
            Assert.Equal(group.Count(), matrix[group.Key.Item1][group.Key.Answer].GetInt32());
        Assert.Equal(labelled.Count, matrix.EnumerateArray().Sum(row => row.EnumerateArray().Sum(c => c.GetInt32())));
        for (var digit = 0; digit < 10; digit++)
            Assert.Equal(sent.Count(s => s.Answer == digit), figures.GetProperty("predictions_per_class")[digit].GetInt32());
        // The last hour's traffic is the running process's own: the one /models request since the restart.
        var lastHour = monitoring.GetProperty("last_hour").EnumerateArray().ToArray();
        Assert.Equal(Digits.Server.Monitoring.RequestHistory.Minutes, lastHour.Length);
        Assert.Equal(1, lastHour.Sum(minute => minute.GetProperty("requests").GetInt32()));

        var metrics = await restarted.Client.GetStringAsync("/metrics");
        Assert.Equal(expectedAccuracy, Gauge(metrics, $"digits_live_accuracy{{model=\"{id}\"}}"), 5);
        Assert.Equal(sent.Count(s => s.NeedsReview) / (double)sent.Count, Gauge(metrics, $"digits_live_review_share{{model=\"{id}\"}}"), 5);
        var wrong = labelled.First(s => s.Truth != s.Answer);
        Assert.Equal(labelled.Count(s => s.Truth == wrong.Truth && s.Answer == wrong.Answer),
            Gauge(metrics, $"digits_live_confusion{{model=\"{id}\",actual=\"{wrong.Truth}\",answered=\"{wrong.Answer}\"}}"));
    }

    [Fact]
    public async Task A_window_that_is_not_a_length_is_refused()
    {
        await using var server = await RunningServer.StartAsync(Options);
        using var response = await server.Client.GetAsync("/monitoring?window=soon");
        Assert.Contains("15m, 1h", await response.Problem(400));
    }

    private static double Gauge(string metrics, string series) =>
        double.Parse(metrics.Split('\n').Single(line => line.StartsWith(series + " ", StringComparison.Ordinal)).Split(' ')[^1], CultureInfo.InvariantCulture);

    public void Dispose()
    {
        _models.Dispose();
        _feedback.Dispose();
    }
}
