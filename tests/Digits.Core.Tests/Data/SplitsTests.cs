using Digits.Core.Data;

namespace Digits.Core.Tests.Data;

public sealed class SplitsTests
{
    private static readonly byte[] Labels = Enumerable.Range(0, 1000).Select(i => (byte)(i % 10 < 7 ? i % 10 : i % 3)).ToArray();

    [Fact]
    public void A_stratified_split_keeps_every_class_in_proportion()
    {
        var split = Splits.Stratified(Labels, 0.2, seed: 1);
        foreach (var label in Labels.Distinct())
        {
            var total = Labels.Count(l => l == label);
            Assert.Equal(Math.Round(total * 0.2), split.Holdout.Count(i => Labels[i] == label));
        }
        Assert.Equal(Labels.Length, split.Train.Concat(split.Holdout).Distinct().Count());
    }

    [Fact]
    public void The_same_seed_gives_the_same_split_and_another_seed_another()
    {
        Assert.Equal(Splits.Stratified(Labels, 0.2, 7).Holdout, Splits.Stratified(Labels, 0.2, 7).Holdout);
        Assert.NotEqual(Splits.Stratified(Labels, 0.2, 7).Holdout, Splits.Stratified(Labels, 0.2, 8).Holdout);
    }

    [Fact]
    public void A_tail_split_holds_out_the_last_samples()
    {
        var split = Splits.Tail(60_000, 10_000);
        Assert.Equal(50_000, split.Train.Length);
        Assert.Equal(50_000, split.Holdout[0]);
        Assert.Equal(59_999, split.Holdout[^1]);
    }
}
