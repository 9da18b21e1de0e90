using static TorchSharp.torch;

namespace Digits.Training.Tests;

public sealed class RobustAugmentationTests
{
    private const int Count = 400;

    private static Tensor Batch() => BarImages.Batch(Count);

    private static Tensor Augment(ulong seed)
    {
        using var generator = new Generator(seed);
        return new RobustAugmentation(generator).Apply(Batch());
    }

    [Fact]
    public void Keeps_the_shape_and_the_range_and_leaves_some_images_as_they_were()
    {
        using var original = Batch();
        using var augmented = Augment(3);
        Assert.Equal(original.shape, augmented.shape);
        Assert.InRange(augmented.min().item<float>(), 0, 0);
        Assert.InRange(augmented.max().item<float>(), 0.99f, 1);
        var changed = augmented.sub(original).abs().sum([1, 2, 3]).gt(1e-4).sum().item<long>();
        // Six effects at 25 % each leave about 18 % of the images untouched.
        Assert.InRange(changed, 0.7 * Count, 0.9 * Count);
    }

    [Fact]
    public void Thicker_and_thinner_strokes_both_occur()
    {
        using var original = Batch();
        using var augmented = Augment(4);
        var ink = augmented.gt(0.5).sum([1, 2, 3]);
        var before = original.gt(0.5).sum([1, 2, 3])[0].item<long>();
        Assert.True(ink.gt(before + 20).any().item<bool>(), "no stroke was thickened");
        Assert.True(ink.lt(before - 20).any().item<bool>(), "no stroke was thinned or broken");
    }

    [Fact]
    public void The_same_seed_gives_the_same_batch()
    {
        using var first = Augment(5);
        using var second = Augment(5);
        Assert.True(first.eq(second).all().item<bool>());
    }
}
