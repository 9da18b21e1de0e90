using System.Text.Json;
using Digits.Core.Metrics;
using Digits.Imaging;
using Digits.Imaging.RealWorld;

namespace Digits.Inference.Reading;

/// <summary>Reads every image of the number set through the serving path (decoding, segmentation, the ONNX model), as /read would.</summary>
public static class NumberEvaluation
{
    /// <summary>What a reader made of one image: the text (empty when it found none) and whether it asked for review.</summary>
    public sealed record Outcome(NumberKind Kind, string Truth, string Read, bool Flagged);

    public static IReadOnlyList<Outcome> Read(OnnxModel model, IReadOnlyList<NumberSample> samples) =>
        samples.AsParallel().AsOrdered().Select(sample =>
        {
            try
            {
                var reading = NumberReader.Read(model, sample.Image);
                return new Outcome(sample.Kind, sample.Text, reading.Text, reading.NeedsReview);
            }
            catch (ImageRejectedException)
            {
                return new Outcome(sample.Kind, sample.Text, "", Flagged: true);
            }
        }).ToArray();

    public static NumberMetrics Summarize(IReadOnlyList<Outcome> outcomes, int seed)
    {
        var kinds = outcomes.GroupBy(o => o.Kind).OrderBy(g => g.Key).ToDictionary(
            g => JsonNamingPolicy.SnakeCaseLower.ConvertName(g.Key.ToString()),
            g => new NumberKindAccuracy(g.Count(), Exact(g), DigitsRight(g), (double)g.Count(o => o.Flagged) / g.Count(), Exact(g.Where(o => !o.Flagged))));
        return new NumberMetrics(Exact(outcomes), DigitsRight(outcomes), kinds, seed);
    }

    private static double Exact(IEnumerable<Outcome> outcomes)
    {
        var all = outcomes.ToArray();
        return all.Length == 0 ? 1 : (double)all.Count(o => o.Read == o.Truth) / all.Length;
    }

    private static double DigitsRight(IEnumerable<Outcome> outcomes)
    {
        var all = outcomes.ToArray();
        return (double)all.Sum(o => TextDistance.DigitsRight(o.Read, o.Truth)) / all.Sum(o => o.Truth.Length);
    }
}
