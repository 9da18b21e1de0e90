using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Feedback;
using Digits.Inference;
using Digits.Server.Feedback;
using Prometheus;

namespace Digits.Server.Monitoring;

/// <summary>
/// Live accuracy, review and drift figures per model version, computed from the feedback store (so every server on
/// one store reports the same), for /monitoring and as gauges in /metrics.
/// </summary>
public sealed class LiveMonitor
{
    /// <summary>A scrape reuses figures this recent rather than reading the store again.</summary>
    private static readonly TimeSpan ScrapeReuse = TimeSpan.FromSeconds(5);

    private readonly AnswerLog _answers;
    private readonly ModelRegistry _models;
    private (DateTimeOffset At, IReadOnlyList<ModelFigures> Figures)? _lastScrape;

    /// <summary>One model version's live figures, and its confidence histogram beside its test set's.</summary>
    public sealed record ModelFigures(LiveMetrics Live, int[]? TestConfidence, double? StabilityIndex, bool Drift);

    public LiveMonitor(AnswerLog answers, ModelRegistry models, CollectorRegistry registry)
    {
        _answers = answers;
        _models = models;
        if (answers.Store is not null) RegisterGauges(Metrics.WithCustomRegistry(registry), registry);
    }

    public bool Enabled => _answers.Store is not null;

    /// <param name="since">The window's start; null for every answer the store keeps.</param>
    /// <param name="model">NAME for all its versions, NAME@VERSION for one, null for all models.</param>
    public async Task<IReadOnlyList<ModelFigures>> ComputeAsync(DateTimeOffset? since, string? model, CancellationToken cancellation)
    {
        if (_answers.Store is not { } store) return [];
        await _answers.FlushAsync(cancellation);
        var answers = new List<StoredPrediction>();
        await foreach (var answer in store.AnswersSinceAsync(since ?? DateTimeOffset.UnixEpoch, cancellation))
            if (model is null || answer.Model == model || answer.Model.StartsWith(model + "@", StringComparison.Ordinal)) answers.Add(answer);
        return LiveMetricsCalculator.Compute(answers).Select(WithTestConfidence).ToArray();
    }

    private ModelFigures WithTestConfidence(LiveMetrics live)
    {
        var test = TestConfidence(live.Model);
        return test is null
            ? new ModelFigures(live, null, null, false)
            : new ModelFigures(live, test, ConfidenceDrift.StabilityIndex(live.ConfidenceCounts, test), ConfidenceDrift.Drifted(live.ConfidenceCounts, test));
    }

    /// <summary>The test set's answers per confidence bin, recorded when the model was trained (null for models trained before that was kept).</summary>
    private int[]? TestConfidence(string modelId)
    {
        if (!ModelReference.TryParse(modelId.Split('+')[0], out var reference, out _) || reference.Version is null) return null;
        try
        {
            return _models.ReadMetadata(reference.Name, reference.Version).Metrics.Test.Reliability?.Select(bin => bin.Count).ToArray();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private void RegisterGauges(MetricFactory factory, CollectorRegistry registry)
    {
        var window = "every answer the store keeps";
        var predictions = factory.CreateGauge("digits_live_predictions", $"Answers given, over {window}.", "model");
        var labelled = factory.CreateGauge("digits_live_labelled", $"Answers someone gave feedback on, over {window}.", "model");
        var accuracy = factory.CreateGauge("digits_live_accuracy", "Share of answers with feedback that were right (NaN before any feedback).", "model");
        var flagged = factory.CreateGauge("digits_live_review_share", "Share of answers flagged needs_review: what people still check.", "model");
        var unflagged = factory.CreateGauge("digits_live_unflagged_accuracy",
            "Share of answers not flagged for review, with feedback, that were right: how often an unchecked answer is right.", "model");
        var precision = factory.CreateGauge("digits_live_precision", "Per-class precision of digit answers with feedback.", "model", "class");
        var recall = factory.CreateGauge("digits_live_recall", "Per-class recall of digit answers with feedback.", "model", "class");
        var f1 = factory.CreateGauge("digits_live_f1", "Per-class F1 of digit answers with feedback.", "model", "class");
        var confusion = factory.CreateGauge("digits_live_confusion", "Digit answers with feedback, by true and answered class.", "model", "actual", "answered");
        var drift = factory.CreateGauge("digits_live_confidence_stability_index",
            $"Population stability index of live answers' confidence against the test set's (over {ConfidenceDrift.ShiftIndex}: drift).", "model");
        registry.AddBeforeCollectCallback(async cancellation =>
        {
            var now = DateTimeOffset.UtcNow;
            if (_lastScrape is not { } last || now - last.At > ScrapeReuse) _lastScrape = (now, await ComputeAsync(null, null, cancellation));
            foreach (var figures in _lastScrape.Value.Figures)
            {
                var live = figures.Live;
                predictions.WithLabels(live.Model).Set(live.Predictions);
                labelled.WithLabels(live.Model).Set(live.LabelledCount);
                accuracy.WithLabels(live.Model).Set(live.Accuracy ?? double.NaN);
                flagged.WithLabels(live.Model).Set(live.FlaggedShare);
                unflagged.WithLabels(live.Model).Set(live.UnflaggedAccuracy ?? double.NaN);
                drift.WithLabels(live.Model).Set(figures.StabilityIndex ?? double.NaN);
                if (live.Labelled is not { } metrics) continue;
                foreach (var c in metrics.PerClass)
                {
                    precision.WithLabels(live.Model, c.Label).Set(c.Precision);
                    recall.WithLabels(live.Model, c.Label).Set(c.Recall);
                    f1.WithLabels(live.Model, c.Label).Set(c.F1);
                }
                for (var actual = 0; actual < metrics.ConfusionMatrix.Length; actual++)
                for (var answered = 0; answered < metrics.ConfusionMatrix[actual].Length; answered++)
                    confusion.WithLabels(live.Model, actual.ToString(), answered.ToString()).Set(metrics.ConfusionMatrix[actual][answered]);
            }
        });
    }
}
