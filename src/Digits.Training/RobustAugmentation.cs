using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Digits.Training;

/// <summary>
/// Makes MNIST digits look as real photos, scans and drawings do once preprocessed: strokes thicker or thinner,
/// soft (blur), uneven (noise within the ink), broken where a ruled line was taken out, or partly covered. Each
/// image gets each effect with its own probability, on the whole batch at once.
/// </summary>
public sealed class RobustAugmentation(Generator random)
{
    /// <summary>The chance of each effect per image.</summary>
    public const double Chance = 0.25;
    private const double MaxInkNoise = 0.35;
    private const int CoverSide = 8;

    private static readonly Lazy<Tensor> BlurKernel = new(() =>
    {
        var weights = tensor(new float[] { 1, 2, 1, 2, 4, 2, 1, 2, 1 }).reshape(1, 1, 3, 3);
        return (weights / weights.sum()).DetachFromDisposeScope();
    });

    public Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        var count = images.shape[0];
        var x = images;
        x = Where(count, F.max_pool2d(x, 3, stride: 1, padding: 1), x);
        x = Where(count, -F.max_pool2d(-x, 3, stride: 1, padding: 1), x);
        x = Where(count, Normalized(F.conv2d(x, BlurKernel.Value, padding: [1, 1])), x);
        x = Where(count, (x * (1 + (rand(x.shape, generator: random) * 2 - 1) * MaxInkNoise)).clamp(0, 1), x);
        x = Where(count, x * BrokenLine(count, x.shape[2], x.shape[3]), x);
        x = Where(count, x * Cover(count, x.shape[2], x.shape[3]), x);
        return x.MoveToOuterDisposeScope();
    }

    /// <summary>Per image, the changed version with probability <see cref="Chance"/>, else the image as it was.</summary>
    private Tensor Where(long count, Tensor changed, Tensor original) =>
        where(rand([count, 1, 1, 1], generator: random) < Chance, changed, original);

    /// <summary>Preprocessing scales the strongest ink to 1: a blurred digit is scaled back up the same way.</summary>
    private static Tensor Normalized(Tensor images) =>
        (images / images.amax([1, 2, 3], keepdim: true).clamp_min(1e-3f)).clamp(0, 1);

    /// <summary>A mask with one row (or column) of zeros across the digit, where a removed ruled line leaves a gap.</summary>
    private Tensor BrokenLine(long count, long height, long width)
    {
        var rows = arange(height).reshape(1, 1, height, 1).expand(count, 1, height, width);
        var columns = arange(width).reshape(1, 1, 1, width).expand(count, 1, height, width);
        var at = randint(6, height - 6, [count, 1, 1, 1], generator: random);
        var horizontal = rand([count, 1, 1, 1], generator: random) < 0.7;
        var line = where(horizontal, rows.eq(at), columns.eq(at));
        return (~line).to_type(ScalarType.Float32);
    }

    /// <summary>A mask with a square of zeros somewhere on the digit: a finger, a stain, a fold.</summary>
    private Tensor Cover(long count, long height, long width)
    {
        var rows = arange(height).reshape(1, 1, height, 1);
        var columns = arange(width).reshape(1, 1, 1, width);
        var top = randint(4, height - 4 - CoverSide, [count, 1, 1, 1], generator: random);
        var left = randint(4, width - 4 - CoverSide, [count, 1, 1, 1], generator: random);
        var inside = rows.ge(top) & rows.lt(top + CoverSide) & columns.ge(left) & columns.lt(left + CoverSide);
        return (~inside).to_type(ScalarType.Float32);
    }
}
