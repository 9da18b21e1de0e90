namespace Digits.Training;

/// <summary>
/// The one-cycle learning rate (as in PyTorch's OneCycleLR, cosine form): from peak/25 up to the peak over the
/// first 25 % of the batches, then down to peak/10^4 at the last one. A pure function of the batch number, so a
/// resumed run continues on exactly the same curve.
/// </summary>
public static class OneCycle
{
    private const double WarmupFraction = 0.25;
    private const double InitialDivisor = 25;
    private const double FinalDivisor = 1e4;

    public static double LearningRate(double peak, long step, long totalSteps)
    {
        var warmupSteps = Math.Max(1, (long)(WarmupFraction * totalSteps));
        var start = peak / InitialDivisor;
        var end = peak / FinalDivisor;
        return step < warmupSteps
            ? Cosine(start, peak, (double)step / warmupSteps)
            : Cosine(peak, end, Math.Min(1, (double)(step - warmupSteps) / Math.Max(1, totalSteps - 1 - warmupSteps)));
    }

    private static double Cosine(double from, double to, double progress) => to + (from - to) * (1 + Math.Cos(Math.PI * progress)) / 2;
}
