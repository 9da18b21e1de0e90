namespace Digits.Imaging;

/// <summary>Percentiles read from histograms of grey levels, which cost one pass instead of a sort.</summary>
internal static class Histograms
{
    /// <returns>The first bin below which more than <paramref name="share"/> of the <paramref name="count"/> values lie.</returns>
    public static int Percentile(ReadOnlySpan<int> histogram, int count, double share)
    {
        var target = share * (count - 1);
        var seen = 0;
        for (var level = 0; level < histogram.Length; level++)
            if ((seen += histogram[level]) > target) return level;
        return histogram.Length - 1;
    }
}
