using static TorchSharp.torch;

namespace Digits.Training.Tests;

public sealed class LowResolutionAugmentationTests
{
    private const int Count = 400;

    private static Tensor Batch() => BarImages.Batch(Count);

    [Fact]
    public void Some_images_are_softened_as_an_enlarged_scan_is_and_keep_their_shape_range_and_place()
    {
        using var generator = new Generator(7);
        using var original = Batch();
        using var augmented = new LowResolutionAugmentation(generator).Apply(Batch());
        Assert.Equal(original.shape, augmented.shape);
        Assert.InRange(augmented.min().item<float>(), 0, 0);
        Assert.InRange(augmented.max().item<float>(), 0.99f, 1);

        var changed = augmented.sub(original).abs().sum([1, 2, 3]).gt(1e-4);
        Assert.InRange(changed.sum().item<long>(), 0.5 * LowResolutionAugmentation.Chance * Count, 1.5 * LowResolutionAugmentation.Chance * Count);
        var softened = augmented[changed];
        // The bar's edges are now grey, and its ink stays where it was.
        Assert.True(softened.gt(0.05).logical_and(softened.lt(0.95)).sum([1, 2, 3]).gt(20).all().item<bool>());
        Assert.True(softened[.., .., 4..24, 10..18].sum([1, 2, 3]).div(softened.sum([1, 2, 3])).gt(0.8).all().item<bool>());
    }
}
