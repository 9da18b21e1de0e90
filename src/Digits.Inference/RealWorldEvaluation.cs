using Digits.Core.Metrics;
using Digits.Imaging;
using Digits.Imaging.RealWorld;

namespace Digits.Inference;

/// <summary>Sends every image of the real-world set through the serving path (decoding, preprocessing, the ONNX model), as /predict would.</summary>
public static class RealWorldEvaluation
{
    public static RealWorldMetrics Evaluate(OnnxModel model, IReadOnlyList<RealWorldSample> samples, int seed)
    {
        var predictor = DigitPredictor.Direct();
        var outcomes = samples.AsParallel().AsOrdered().Select(sample =>
        {
            try
            {
                return (sample.Kind, Right: predictor.FromImage(model, sample.Image).Digit == sample.Label, Refused: false);
            }
            catch (ImageRejectedException)
            {
                return (sample.Kind, Right: false, Refused: true);
            }
        }).ToArray();
        var kinds = outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key).ToDictionary(
            g => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Key.ToString()),
            g => new KindAccuracy(g.Count(), (double)g.Count(o => o.Right) / g.Count(), g.Count(o => o.Refused)));
        return new RealWorldMetrics((double)outcomes.Count(o => o.Right) / outcomes.Length, kinds, seed);
    }
}
