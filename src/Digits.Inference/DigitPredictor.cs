using System.Diagnostics;
using Digits.Core.Data;
using Digits.Core.Imaging;
using Digits.Core.Metrics;

namespace Digits.Inference;

/// <summary>From an image, 784 pixels or 64 features to a prediction, with the shared preprocessing.</summary>
public static class DigitPredictor
{
    public static Prediction FromImage(OnnxModel model, byte[] image)
    {
        var start = Stopwatch.GetTimestamp();
        return Run(model, DigitPreprocessor.Process(ImageDecoder.Decode(image)), start);
    }

    public static IReadOnlyList<Prediction> FromImages(OnnxModel model, IReadOnlyList<byte[]> images)
    {
        var start = Stopwatch.GetTimestamp();
        var inputs = images.Select(image => DigitPreprocessor.Process(ImageDecoder.Decode(image))).ToArray();
        var probabilities = model.Run(inputs.SelectMany(i => i).ToArray(), inputs.Length);
        var perImage = Stopwatch.GetElapsedTime(start).TotalMilliseconds / inputs.Length;
        return inputs.Select((input, i) => Result(model, input, probabilities.AsSpan(i * model.ClassCount, model.ClassCount).ToArray(), perImage)).ToArray();
    }

    /// <param name="pixels">784 values in 0..255, white ink on black, as the model takes them (no re-centering).</param>
    public static Prediction FromPixels(OnnxModel model, IReadOnlyList<double> pixels)
    {
        var start = Stopwatch.GetTimestamp();
        var input = pixels.Select(p => (float)p * ModelInputEncoding.MnistScale).ToArray();
        return Run(model, input, start);
    }

    /// <param name="features">64 values in 0..16, row-major 8x8; the model divides by 16 itself.</param>
    public static Prediction FromFeatures(OnnxModel model, IReadOnlyList<double> features)
    {
        var start = Stopwatch.GetTimestamp();
        var input = features.Select(f => (float)f).ToArray();
        if (input.Length != Digits8x8CsvReader.FeatureCount)
            throw new ArgumentException($"Expected {Digits8x8CsvReader.FeatureCount} features.");
        return Run(model, input, start);
    }

    private static Prediction Run(OnnxModel model, float[] input, long start)
    {
        if (input.Length != model.InputLength)
            throw new ArgumentException($"Model {model.Id} takes {model.InputLength} values, not {input.Length}.");
        var probabilities = model.Run(input, 1);
        return Result(model, input, probabilities, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private static Prediction Result(OnnxModel model, float[] input, float[] probabilities, double milliseconds)
    {
        var digit = Evaluation.ArgMax(probabilities);
        return new Prediction(digit, probabilities[digit], probabilities, milliseconds, model.Id, input);
    }
}
