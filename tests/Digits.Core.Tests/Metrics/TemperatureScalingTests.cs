using Digits.Core.Metrics;

namespace Digits.Core.Tests.Metrics;

public sealed class TemperatureScalingTests
{
    private const int Classes = 10;
    private const int Examples = 5000;

    /// <summary>
    /// A model reports softmax(z) while labels are really drawn from softmax(z / T): the fitted temperature
    /// should find T again.
    /// </summary>
    private static (float[] Reported, byte[] Labels) Synthetic(double trueTemperature, int seed)
    {
        var random = new Random(seed);
        var reported = new float[Examples * Classes];
        var labels = new byte[Examples];
        for (var row = 0; row < Examples; row++)
        {
            var logits = Enumerable.Range(0, Classes).Select(_ => 4 * random.NextDouble() * (random.NextDouble() < 0.5 ? -1 : 1)).ToArray();
            var reportedRow = Softmax(logits, 1);
            reportedRow.Select(p => (float)p).ToArray().CopyTo(reported, row * Classes);
            var truth = Softmax(logits, trueTemperature);
            var draw = random.NextDouble();
            var label = 0;
            var cumulative = truth[0];
            while (cumulative < draw && label < Classes - 1) cumulative += truth[++label];
            labels[row] = (byte)label;
        }
        return (reported, labels);
    }

    private static double[] Softmax(double[] logits, double temperature)
    {
        var exps = logits.Select(z => Math.Exp(z / temperature)).ToArray();
        var sum = exps.Sum();
        return exps.Select(e => e / sum).ToArray();
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void Finds_the_temperature_the_labels_were_drawn_with(double trueTemperature)
    {
        var (reported, labels) = Synthetic(trueTemperature, seed: 7);

        var fitted = TemperatureScaling.Fit(reported, labels, Classes);

        Assert.InRange(fitted, trueTemperature * 0.85, trueTemperature * 1.15);
    }

    [Fact]
    public void The_fitted_temperature_minimizes_the_likelihood()
    {
        var (reported, labels) = Synthetic(1.7, seed: 3);
        var logs = reported.Select(p => Math.Log(p)).ToArray();

        var fitted = TemperatureScaling.Fit(reported, labels, Classes);
        double Loss(double temperature) => TemperatureScaling.NegativeLogLikelihood(logs, labels, Classes, 1 / temperature);

        Assert.True(Loss(fitted) < Loss(1));
        Assert.True(Loss(fitted) <= Loss(fitted * 1.05));
        Assert.True(Loss(fitted) <= Loss(fitted / 1.05));
    }
}
