namespace Digits.Server.Tests.Monitoring;

public sealed class MetricsTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    /// <summary>The sum of the series whose line starts with <paramref name="series"/> and holds every label in <paramref name="labels"/>.</summary>
    private static double Value(string metrics, string series, params string[] labels) =>
        metrics.Split('\n').Where(line => line.StartsWith(series, StringComparison.Ordinal) && labels.All(line.Contains))
            .Select(line => double.Parse(line[(line.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture))
            .DefaultIfEmpty(0).Sum();

    [Fact]
    public async Task Metrics_count_the_requests_just_made()
    {
        var before = await server.Client.GetStringAsync("/metrics");
        for (var i = 0; i < 3; i++) (await server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(0)))).Dispose();
        (await server.Client.PostAsync("/predict", Samples.Form("not an image"u8.ToArray()))).Dispose();
        var after = await server.Client.GetStringAsync("/metrics");

        var label = Samples.Label(0);
        Assert.Equal(3, Value(after, $"digits_predictions_total{{class=\"{label}\"") - Value(before, $"digits_predictions_total{{class=\"{label}\""));
        string[] predictOk = ["code=\"200\"", "method=\"POST\"", "endpoint=\"/predict/\""];
        Assert.Equal(3, Value(after, "http_requests_received_total", predictOk) - Value(before, "http_requests_received_total", predictOk));
        Assert.Equal(1, Value(after, "http_requests_received_total{code=\"415\"") - Value(before, "http_requests_received_total{code=\"415\""));
        Assert.Contains("http_request_duration_seconds_bucket", after);
        Assert.Contains("digits_low_confidence_predictions_total", after);
        Assert.True(Value(after, "digits_uptime_seconds") > 0);
        Assert.True(Value(after, "digits_model_load_seconds") > 0);
    }
}
