namespace Digits.Core.Metrics;

/// <summary>
/// Post-hoc calibration with one number: probabilities p become p^(1/T), renormalized, which is softmax(logits / T).
/// T is fitted on held-out validation data by minimizing the negative log-likelihood; it never changes which class
/// wins, so accuracy is untouched, but a model trained with label smoothing stops reporting 0.9 for a sure answer.
/// </summary>
public static class TemperatureScaling
{
    // The likelihood is convex in 1/T: a golden-section search over this bracket finds its minimum.
    private const double LowestInverse = 0.05;
    private const double HighestInverse = 20;
    private const int SearchSteps = 60;
    private const double SmallestProbability = 1e-30;

    /// <param name="probabilities">Row-major, <paramref name="classes"/> per example, from held-out data.</param>
    public static double Fit(float[] probabilities, IReadOnlyList<byte> labels, int classes)
    {
        var logs = probabilities.Select(p => Math.Log(Math.Max(p, SmallestProbability))).ToArray();
        double low = LowestInverse, high = HighestInverse;
        var ratio = (Math.Sqrt(5) - 1) / 2;
        for (var step = 0; step < SearchSteps; step++)
        {
            var left = high - ratio * (high - low);
            var right = low + ratio * (high - low);
            if (NegativeLogLikelihood(logs, labels, classes, left) <= NegativeLogLikelihood(logs, labels, classes, right)) high = right;
            else low = left;
        }
        return 1 / ((low + high) / 2);
    }

    /// <summary>Mean negative log-likelihood of the labels under p^β, renormalized (β = 1/T).</summary>
    public static double NegativeLogLikelihood(double[] logProbabilities, IReadOnlyList<byte> labels, int classes, double inverseTemperature)
    {
        var total = 0.0;
        for (var row = 0; row < labels.Count; row++)
        {
            var logs = logProbabilities.AsSpan(row * classes, classes);
            var largest = double.NegativeInfinity;
            foreach (var log in logs) largest = Math.Max(largest, inverseTemperature * log);
            var sum = 0.0;
            foreach (var log in logs) sum += Math.Exp(inverseTemperature * log - largest);
            total += largest + Math.Log(sum) - inverseTemperature * logs[labels[row]];
        }
        return total / labels.Count;
    }
}
