using System.Diagnostics;
using Digits.Inference;
using Prometheus;

namespace Digits.Server.Monitoring;

/// <summary>
/// What /metrics reports beyond the per-endpoint request counts and latency histograms of prometheus-net:
/// predictions per class, low-confidence predictions, model load time and test accuracy, and uptime.
/// </summary>
public sealed class PredictionMetrics
{
    private readonly Counter _predictions;
    private readonly Counter _lowConfidence;
    private readonly Gauge _loadSeconds;
    private readonly double _threshold;

    public PredictionMetrics(CollectorRegistry registry, ModelRegistry models, InferenceEngine engine, ServerOptions options)
    {
        var factory = Metrics.WithCustomRegistry(registry);
        _threshold = options.LowConfidenceThreshold;
        _predictions = factory.CreateCounter("digits_predictions_total", "Predictions made, by predicted class and model.", "class", "model");
        _lowConfidence = factory.CreateCounter("digits_low_confidence_predictions_total",
            $"Predictions whose confidence was below {_threshold}.", "model");
        _loadSeconds = factory.CreateGauge("digits_model_load_seconds", "Seconds it took to load each model version.", "model");
        var uptime = factory.CreateGauge("digits_uptime_seconds", "Seconds since the server started.");
        var loaded = factory.CreateGauge("digits_models_loaded", "Model versions loaded in ONNX Runtime.");
        var cacheHits = factory.CreateGauge("digits_prediction_cache_hits", "Single predictions answered from the cache.");
        var requests = factory.CreateGauge("digits_inference_requests", "Single predictions asked of the inference engine.");
        var runs = factory.CreateGauge("digits_inference_runs", "ONNX Runtime runs made for them (fewer when batching coalesced requests).");
        var testAccuracy = factory.CreateGauge("digits_model_test_accuracy", "Each loaded model version's accuracy on its held-out test set, to compare live accuracy with.", "model");
        registry.AddBeforeCollectCallback(() =>
        {
            uptime.Set(Uptime.TotalSeconds);
            var loadedModels = models.LoadedModels.ToArray();
            loaded.Set(loadedModels.Length);
            cacheHits.Set(engine.CacheHits);
            requests.Set(engine.Requests);
            runs.Set(engine.Runs);
            foreach (var model in loadedModels)
            {
                _loadSeconds.WithLabels(model.Id).Set(model.LoadTime.TotalSeconds);
                testAccuracy.WithLabels(model.Id).Set(model.Metadata.Metrics.Test.Accuracy);
            }
        });
    }

    private static readonly DateTime StartTime = Process.GetCurrentProcess().StartTime;

    public static TimeSpan Uptime => DateTime.Now - StartTime;

    public void Record(Prediction prediction) => Record(prediction.Digit, prediction.Confidence, prediction.Model);

    public void Record(int digit, float confidence, string model)
    {
        _predictions.WithLabels(digit.ToString(), model).Inc();
        if (confidence < _threshold) _lowConfidence.WithLabels(model).Inc();
    }
}
