using Digits.Core.Models;
using System.Diagnostics;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Core.Metrics;

namespace Digits.Inference;

/// <summary>From an image, 784 pixels or 64 features to a prediction, with the shared preprocessing.</summary>
public sealed class DigitPredictor(InferenceEngine engine)
{
    /// <summary>A predictor that runs each input on its own, without batching or cache (tools, tests).</summary>
    public static DigitPredictor Direct() => new(new InferenceEngine(EngineOptions.Direct));

    /// <param name="reviewThreshold">Flag answers below this confidence instead of the model's own threshold.</param>
    public Task<Prediction> FromImageAsync(OnnxModel model, byte[] image, double? reviewThreshold = null)
    {
        var start = Stopwatch.GetTimestamp();
        var digit = DigitPreprocessor.Prepare(ImageDecoder.Decode(image));
        return RunAsync(model, digit.Input, start, !digit.LooksLikeOneDigit, reviewThreshold);
    }

    public Prediction FromImage(OnnxModel model, byte[] image) => FromImageAsync(model, image).GetAwaiter().GetResult();

    /// <param name="pixels">784 values in 0..255, white ink on black, as the model takes them (no re-centering).</param>
    public Task<Prediction> FromPixelsAsync(OnnxModel model, IReadOnlyList<double> pixels, double? reviewThreshold = null)
    {
        var start = Stopwatch.GetTimestamp();
        return RunAsync(model, pixels.Select(p => (float)p * ModelInputEncoding.MnistScale).ToArray(), start, oddInput: false, reviewThreshold);
    }

    /// <param name="features">64 values in 0..16, row-major 8x8; the model divides by 16 itself.</param>
    public Task<Prediction> FromFeaturesAsync(OnnxModel model, IReadOnlyList<double> features)
    {
        if (features.Count != Digits8x8CsvReader.FeatureCount)
            throw new ArgumentException($"Expected {Digits8x8CsvReader.FeatureCount} features.");
        var start = Stopwatch.GetTimestamp();
        return RunAsync(model, features.Select(f => (float)f).ToArray(), start, oddInput: false, reviewThreshold: null);
    }

    private async Task<Prediction> RunAsync(OnnxModel model, float[] input, long start, bool oddInput, double? reviewThreshold)
    {
        if (input.Length != model.InputLength)
            throw new ArgumentException($"Model {model.Id} takes {model.InputLength} values, not {input.Length}.");
        var probabilities = await engine.RunAsync(model, input);
        var digit = Evaluation.ArgMax(probabilities);
        var needsReview = oddInput || probabilities[digit] < (reviewThreshold ?? model.ReviewThreshold);
        return new Prediction(digit, probabilities[digit], probabilities, Stopwatch.GetElapsedTime(start).TotalMilliseconds, model.Id, input, needsReview);
    }
}
