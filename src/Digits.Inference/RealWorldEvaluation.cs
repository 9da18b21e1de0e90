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
                var prediction = predictor.FromImage(model, sample.Image);
                return new Outcome(sample.Kind, prediction.Digit == sample.Label, Refused: false, prediction.NeedsReview);
            }
            catch (ImageRejectedException)
            {
                return new Outcome(sample.Kind, Right: false, Refused: true, Flagged: true);
            }
        }).ToArray();
        var kinds = outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key).ToDictionary(
            g => System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Key.ToString()),
            g => new KindAccuracy(g.Count(), Accuracy(g), g.Count(o => o.Refused), Flagged(g), Accuracy(g.Where(o => !o.Flagged))));
        return new RealWorldMetrics(Accuracy(outcomes), Flagged(outcomes), Accuracy(outcomes.Where(o => !o.Flagged)), kinds, seed);
    }

    /// <param name="Flagged">Needs review; a refusal counts as flagged, since a person must look at it.</param>
    private sealed record Outcome(RealWorldKind Kind, bool Right, bool Refused, bool Flagged);

    private static double Accuracy(IEnumerable<Outcome> outcomes)
    {
        var all = outcomes.ToArray();
        return all.Length == 0 ? 1 : (double)all.Count(o => o.Right) / all.Length;
    }

    private static double Flagged(IEnumerable<Outcome> outcomes)
    {
        var all = outcomes.ToArray();
        return (double)all.Count(o => o.Flagged) / all.Length;
    }
}
