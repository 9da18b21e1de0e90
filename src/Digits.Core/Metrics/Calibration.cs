namespace Digits.Core.Metrics;

public sealed record CalibrationBin(double Lower, double Upper, int Count, double MeanConfidence, double Accuracy);

/// <summary>Expected calibration error: confidence against accuracy in equal-width confidence bins.</summary>
public static class Calibration
{
    public const int DefaultBins = 15;

    public static IReadOnlyList<CalibrationBin> Bins(IReadOnlyList<double> confidences, IReadOnlyList<bool> correct, int binCount = DefaultBins)
    {
        var counts = new int[binCount];
        var confidenceSums = new double[binCount];
        var correctCounts = new int[binCount];
        for (var i = 0; i < confidences.Count; i++)
        {
            var bin = BinOf(confidences[i], binCount);
            counts[bin]++;
            confidenceSums[bin] += confidences[i];
            if (correct[i]) correctCounts[bin]++;
        }
        return Enumerable.Range(0, binCount).Select(b => new CalibrationBin(
            (double)b / binCount, (double)(b + 1) / binCount, counts[b],
            counts[b] == 0 ? 0 : confidenceSums[b] / counts[b],
            counts[b] == 0 ? 0 : (double)correctCounts[b] / counts[b])).ToArray();
    }

    /// <summary>Bins are (lower, upper]; a confidence of exactly 0 joins the first bin.</summary>
    public static int BinOf(double confidence, int binCount) => Math.Clamp((int)Math.Ceiling(confidence * binCount) - 1, 0, binCount - 1);

    public static double ExpectedCalibrationError(IReadOnlyList<CalibrationBin> bins)
    {
        var total = bins.Sum(b => b.Count);
        return total == 0 ? 0 : bins.Sum(b => (double)b.Count / total * Math.Abs(b.Accuracy - b.MeanConfidence));
    }
}
