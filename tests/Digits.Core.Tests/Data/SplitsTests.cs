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
    public void Block_0_holds_out_the_last_samples()
    {
        var split = Splits.Block(60_000, 10_000);
        Assert.Equal(50_000, split.Train.Length);
        Assert.Equal(50_000, split.Holdout[0]);
        Assert.Equal(59_999, split.Holdout[^1]);
    }

    [Fact]
    public void Each_block_holds_out_the_samples_before_the_previous_one_and_trains_on_all_the_others()
    {
        var blocks = Enumerable.Range(0, 6).Select(b => Splits.Block(60_000, 10_000, b)).ToArray();
        Assert.Equal(Enumerable.Range(40_000, 10_000), blocks[1].Holdout);
        Assert.Equal(Enumerable.Range(0, 10_000), blocks[5].Holdout);
        Assert.All(blocks, b => Assert.Equal(Enumerable.Range(0, 60_000), b.Train.Concat(b.Holdout).Order()));
        Assert.Equal(60_000, blocks.SelectMany(b => b.Holdout).Distinct().Count());
        Assert.Equal(blocks[0].Holdout, Splits.Block(60_000, 10_000, 6).Holdout);
    }
}
