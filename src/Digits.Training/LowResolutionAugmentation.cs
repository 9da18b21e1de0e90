using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace Digits.Training;

/// <summary>
/// Shows some training digits as a low-resolution scan is seen once preprocessing has enlarged it: area-averaged
/// down to a few pixels across (the digit 6 to 11 pixels high), then bilinearly back up. One size per batch, each
/// image changed with probability <see cref="Chance"/>.
/// </summary>
public sealed class LowResolutionAugmentation(Generator random)
{
    public const double Chance = 0.1;
    private const int SmallestSide = 9, LargestSide = 16;

    public Tensor Apply(Tensor images)
    {
        using var scope = NewDisposeScope();
        var (count, height, width) = (images.shape[0], images.shape[2], images.shape[3]);
        var side = randint(SmallestSide, LargestSide + 1, [1], generator: random).item<long>();
        var small = F.adaptive_avg_pool2d(images, [side, side]);
        var grid = F.affine_grid(eye(2, 3).expand(count, 2, 3), [count, images.shape[1], height, width], align_corners: false);
        var enlarged = F.grid_sample(small, grid, mode: GridSampleMode.Bilinear, padding_mode: GridSamplePaddingMode.Border, align_corners: false);
        // Preprocessing scales the strongest ink to 1: an enlarged scan is scaled back up the same way.
        enlarged = (enlarged / enlarged.amax([1, 2, 3], keepdim: true).clamp_min(1e-3f)).clamp(0, 1);
        return where(rand([count, 1, 1, 1], generator: random) < Chance, enlarged, images).MoveToOuterDisposeScope();
    }
}
