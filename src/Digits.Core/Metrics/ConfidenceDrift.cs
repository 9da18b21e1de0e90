namespace Digits.Core.Metrics;

/// <summary>
/// Whether live answers are as confident as the test set's: the population stability index of the two confidence
/// histograms, the measure credit-risk and model monitors use (under 0.1 steady, over 0.25 a real shift).
/// </summary>
public static class ConfidenceDrift
{
    public const double ShiftIndex = 0.25;
    /// <summary>Fewer answers than this say nothing about drift.</summary>
    public const int MinimumAnswers = 100;
    private const double EmptyBinShare = 1e-4;

    public static double StabilityIndex(IReadOnlyList<int> live, IReadOnlyList<int> reference)
    {
        if (live.Count != reference.Count) throw new ArgumentException("The histograms must have the same bins.");
        double liveTotal = live.Sum(), referenceTotal = reference.Sum();
        if (liveTotal == 0 || referenceTotal == 0) return 0;
        return live.Select((count, bin) =>
        {
            var p = Math.Max(count / liveTotal, EmptyBinShare);
            var q = Math.Max(reference[bin] / referenceTotal, EmptyBinShare);
            return (p - q) * Math.Log(p / q);
        }).Sum();
    }

    public static bool Drifted(IReadOnlyList<int> live, IReadOnlyList<int> reference) =>
        live.Sum() >= MinimumAnswers && StabilityIndex(live, reference) > ShiftIndex;
}
