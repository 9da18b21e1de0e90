namespace Digits.Training.Tests;

public sealed class OneCycleTests
{
    private const double Peak = 0.01;
    private const long Steps = 1000;

    private static double[] Schedule() => Enumerable.Range(0, (int)Steps).Select(step => OneCycle.LearningRate(Peak, step, Steps)).ToArray();

    [Fact]
    public void It_warms_up_to_the_peak_then_anneals_to_almost_nothing()
    {
        var rates = Schedule();
        Assert.Equal(Peak / 25, rates[0], 10);
        Assert.Equal(Peak, rates.Max(), 10);
        Assert.Equal(Peak / 1e4, rates[^1], 10);
        Assert.InRange(Array.IndexOf(rates, rates.Max()), 200, 300);
    }

    [Fact]
    public void It_rises_and_then_falls_without_a_jump()
    {
        var rates = Schedule();
        var top = Array.IndexOf(rates, rates.Max());
        for (var i = 1; i <= top; i++) Assert.True(rates[i] >= rates[i - 1], $"step {i} falls during the warm-up");
        for (var i = top + 1; i < rates.Length; i++) Assert.True(rates[i] <= rates[i - 1], $"step {i} rises during the annealing");
        Assert.All(rates.Zip(rates.Skip(1)), pair => Assert.True(Math.Abs(pair.Second - pair.First) < Peak / 50));
    }
}
