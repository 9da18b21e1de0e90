using System.Globalization;
using Digits.Core.Metrics;
using Digits.Feedback;
using Digits.Server.Errors;
using Digits.Server.Feedback;
using Digits.Server.Monitoring;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Digits.Server.Api;

/// <summary>GET /monitoring: how the service and each model version are doing. Errors are thrown as <see cref="Problems"/>.</summary>
public static class MonitoringApi
{
    private const string AllRetained = "all";

    public static void MapMonitoringApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/monitoring", Get)
            .WithName("getMonitoring")
            .WithTags("Monitoring")
            .WithSummary("Live accuracy, review share, drift and traffic")
            .WithDescription("Per model version, over `?window=` (15m, 1h, 24h, 7d...; default: every answer the server keeps): answers given, " +
                             "the share flagged needs_review, accuracy on the answers that got feedback (and on those not flagged), per-class " +
                             "precision, recall and F1, the confusion matrix (rows: the truth given, columns: the answer), answers per class and " +
                             "their confidence histogram beside the test set's, with a drift warning when the two part. `?model=NAME[@VERSION]` " +
                             "narrows it to one model. Also the API's last hour minute by minute (requests, errors, latency percentiles) and uptime.");
    }

    private static async Task<Ok<MonitoringResponse>> Get(LiveMonitor monitor, RequestHistory history, AnswerLog answers, TimeProvider clock,
        [FromQuery] string? window, [FromQuery] string? model, CancellationToken cancellation)
    {
        var now = clock.GetUtcNow();
        var span = ParseWindow(window ?? AllRetained);
        var figures = await monitor.ComputeAsync(span is { } length ? now - length : null, model, cancellation);
        return TypedResults.Ok(new MonitoringResponse(window ?? AllRetained, span is { } s ? now - s : null, now,
            Math.Round(PredictionMetrics.Uptime.TotalSeconds, 1), answers.Store?.Description ?? FeedbackDatabase.Off,
            history.LastHour(), figures.Select(ModelMonitoringResponse.From).ToArray()));
    }

    /// <returns>The window's length, or null for every answer kept.</returns>
    private static TimeSpan? ParseWindow(string text)
    {
        if (text == AllRetained) return null;
        var unit = text.Length > 1 ? text[^1] : ' ';
        if (double.TryParse(text[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out var count) && count > 0 && double.IsFinite(count))
        {
            TimeSpan? length = unit switch
            {
                'm' => TimeSpan.FromMinutes(count),
                'h' => TimeSpan.FromHours(count),
                'd' => TimeSpan.FromDays(Math.Min(count, 36_500)),
                _ => null,
            };
            if (length is not null) return length;
        }
        throw Problems.BadRequest($"window must be a length such as 15m, 1h, 24h or 7d, or {AllRetained}, not \"{text}\".");
    }
}

/// <param name="Window">The window asked for.</param>
/// <param name="Since">Where the window starts; absent for every answer kept.</param>
/// <param name="FeedbackStore">Where answers and feedback are kept, or off.</param>
/// <param name="LastHour">The API (/predict, /read, /feedback, /models) minute by minute, oldest first.</param>
public sealed record MonitoringResponse(string Window, DateTimeOffset? Since, DateTimeOffset Generated, double UptimeSeconds, string FeedbackStore,
    IReadOnlyList<RequestHistory.MinuteFigures> LastHour, IReadOnlyList<ModelMonitoringResponse> Models);

/// <param name="Flagged">Answers flagged needs_review.</param>
/// <param name="Labelled">Answers someone gave feedback on: accuracy and the per-class figures count only these.</param>
/// <param name="UnflaggedLabelled">Labelled answers not flagged for review.</param>
/// <param name="UnflaggedAccuracy">How often an answer nobody would check was right.</param>
/// <param name="ConfusionMatrix">Labelled digit answers, rows the truth given, columns the answer.</param>
public sealed record ModelMonitoringResponse(string Model, int Predictions, int Flagged, double FlaggedShare, int Labelled, double? Accuracy,
    int UnflaggedLabelled, double? UnflaggedAccuracy, int[] PredictionsPerClass, IReadOnlyList<ClassMetrics>? PerClass, int[][]? ConfusionMatrix,
    ConfidenceResponse Confidence, NumberFigures Numbers)
{
    public static ModelMonitoringResponse From(LiveMonitor.ModelFigures figures)
    {
        var live = figures.Live;
        return new ModelMonitoringResponse(live.Model, live.Predictions, live.Flagged, Math.Round(live.FlaggedShare, 6), live.LabelledCount,
            Rounded(live.Accuracy), live.UnflaggedLabelled, Rounded(live.UnflaggedAccuracy), live.PredictionsPerClass, live.Labelled?.PerClass,
            live.Labelled?.ConfusionMatrix,
            new ConfidenceResponse(Enumerable.Range(1, Calibration.DefaultBins).Select(b => Math.Round((double)b / Calibration.DefaultBins, 4)).ToArray(),
                live.ConfidenceCounts, figures.TestConfidence, Rounded(figures.StabilityIndex), figures.Drift),
            live.Numbers with { Accuracy = Rounded(live.Numbers.Accuracy) });
    }

    private static double? Rounded(double? value) => value is { } v ? Math.Round(v, 6) : null;
}

/// <summary>Digit answers per confidence bin, live and on the test set, and whether they have parted.</summary>
/// <param name="BinUpperEdges">Each bin is (previous edge, this edge].</param>
/// <param name="Test">The test set's answers per bin, when the model recorded them.</param>
/// <param name="StabilityIndex">The population stability index of live against test (under 0.1 steady, over 0.25 drift).</param>
/// <param name="Drift">Live answers are far less (or more) confident than on the test set: the inputs have changed.</param>
public sealed record ConfidenceResponse(double[] BinUpperEdges, int[] Live, int[]? Test, double? StabilityIndex, bool Drift);
