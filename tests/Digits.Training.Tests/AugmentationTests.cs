using static TorchSharp.torch;

namespace Digits.Training.Tests;

public sealed class AugmentationTests
{
    private static Tensor Batch()
    {
        var images = zeros(8, 1, 28, 28);
        images[.., .., 8..20, 12..16] = ones(8, 1, 12, 4);
        return images;
    }

    private static Tensor Augment(ulong seed)
    {
        using var generator = new Generator(seed);
        return new Augmentation(generator).Apply(Batch());
    }

    [Fact]
    public void Keeps_the_shape_and_moves_the_ink()
    {
        using var original = Batch();
        using var augmented = Augment(1);
        Assert.Equal(original.shape, augmented.shape);
        Assert.True(augmented.sub(original).abs().sum().item<float>() > 1);
        // Rotation and zoom by 10 % keep most of the ink.
        var ratio = augmented.sum().item<float>() / original.sum().item<float>();
        Assert.InRange(ratio, 0.7, 1.3);
    }

    [Fact]
    public void The_same_seed_gives_the_same_batch()
    {
        using var first = Augment(7);
        using var second = Augment(7);
        using var other = Augment(8);
        Assert.True(first.allclose(second, rtol: 0, atol: 0));
        Assert.False(first.allclose(other));
    }

    [Fact]
    public void Each_image_gets_its_own_transformation()
    {
        using var augmented = Augment(3);
        Assert.False(augmented[0].allclose(augmented[1]));
    }

    [Fact]
    public void Elastic_distortion_bends_the_strokes_without_moving_the_digit()
    {
        using var original = Batch();
        using var generator = new Generator(5);
        using var bent = new Augmentation(generator, affine: false, elastic: true).Apply(original);
        Assert.True(bent.sub(original).abs().sum().item<float>() > 1);
        Assert.False(bent[0].allclose(bent[1]));
        var ratio = bent.sum().item<float>() / original.sum().item<float>();
        Assert.InRange(ratio, 0.8, 1.2);
        // A displacement of about one pixel: the centres of ink move by about that much, far less than the 2.8
        // pixels a translation may move them.
        using var centre = Centroids(original);
        using var moved = Centroids(bent);
        using var distance = moved.sub(centre).abs();
        Assert.InRange(distance.mean().item<float>(), 0.2, 1.8);
    }

    /// <summary>Each image's centre of ink, x and y, in pixels.</summary>
    private static Tensor Centroids(Tensor images)
    {
        using var scope = NewDisposeScope();
        var positions = arange(28, dtype: ScalarType.Float32);
        var mass = images.sum([1, 2, 3]);
        var x = (images.sum([1, 2]) * positions).sum(1) / mass;
        var y = (images.sum([1, 3]) * positions).sum(1) / mass;
        return stack([x, y], 1).MoveToOuterDisposeScope();
    }
}
