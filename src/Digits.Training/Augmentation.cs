using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Digits.Training;

/// <summary>
/// Random rotation, zoom and translation of a whole batch at once, optionally with an elastic distortion: one
/// affine matrix per image plus a smooth random displacement field, applied by a single grid sample, so
/// augmenting a batch of 128 costs a fraction of a millisecond per image.
/// </summary>
public sealed class Augmentation(Generator random, bool affine = true, bool elastic = false,
    double maxRotationDegrees = 10, double maxZoom = 0.1, double maxTranslation = 0.1)
{
    /// <summary>
    /// Strength (alpha) and smoothness (sigma) of the elastic distortion, in pixels: a uniform field in [-1, 1],
    /// blurred by a Gaussian of this sigma and scaled by alpha, moves pixels by about one pixel (standard deviation),
    /// smoothly enough to bend strokes without tearing them.
    /// </summary>
    public const double ElasticAlpha = 36, ElasticSigma = 6;

    private static readonly Lazy<Tensor> ElasticKernel = new(() => GaussianKernel(ElasticSigma));

    public Tensor Apply(Tensor images)
    {
        var count = images.shape[0];
        using var scope = NewDisposeScope();
        var theta = affine ? RandomAffine(count) : eye(2, 3).expand(count, 2, 3);
        var grid = F.affine_grid(theta, [count, images.shape[1], images.shape[2], images.shape[3]], align_corners: false);
        if (elastic) grid += Displacement(count, images.shape[2], images.shape[3]);
        var augmented = F.grid_sample(images, grid, mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Zeros, align_corners: false);
        return augmented.MoveToOuterDisposeScope();
    }

    private Tensor RandomAffine(long count)
    {
        var angle = Uniform(count, maxRotationDegrees * Math.PI / 180);
        // Sampling coordinates shrink when the digit should grow, hence the reciprocal zoom.
        var zoom = 1 / (1 + Uniform(count, maxZoom));
        // affine_grid works in [-1, 1]: a shift of a fraction f of the image is 2f there.
        var shiftX = Uniform(count, 2 * maxTranslation);
        var shiftY = Uniform(count, 2 * maxTranslation);
        var cos = angle.cos() * zoom;
        var sin = angle.sin() * zoom;
        return stack([cos, -sin, shiftX, sin, cos, shiftY], dim: 1).reshape(count, 2, 3);
    }

    /// <summary>A field of x and y offsets per output pixel, in grid units (the image spans [-1, 1]).</summary>
    private Tensor Displacement(long count, long height, long width)
    {
        var noise = Noise(count * 2, 1, height, width);
        var kernel = ElasticKernel.Value;
        var radius = kernel.shape[0] / 2;
        var smooth = F.conv2d(noise, kernel.reshape(1, 1, -1, 1), padding: [radius, 0]);
        smooth = F.conv2d(smooth, kernel.reshape(1, 1, 1, -1), padding: [0, radius]);
        return smooth.reshape(count, 2, height, width).permute(0, 2, 3, 1) * tensor(new[] { (float)(2 * ElasticAlpha / width), (float)(2 * ElasticAlpha / height) });
    }

    private static Tensor GaussianKernel(double sigma)
    {
        var radius = (long)Math.Ceiling(2 * sigma);
        var x = arange(-radius, radius + 1, dtype: ScalarType.Float32);
        var weights = (-(x * x) / (2 * sigma * sigma)).exp();
        return (weights / weights.sum()).DetachFromDisposeScope();
    }

    private Tensor Uniform(long count, double halfWidth) => Noise(count) * halfWidth;

    /// <summary>Uniform in [-1, 1].</summary>
    private Tensor Noise(params long[] shape) => rand(shape, generator: random) * 2 - 1;
}
