using static TorchSharp.torch;

namespace Digits.Training.Tests;

/// <summary>A batch of 28x28 images of one upright bar (a "1"), 20 pixels high and 4 wide, in the middle of MNIST's 20x20 box.</summary>
public static class BarImages
{
    public static Tensor Batch(int count)
    {
        var images = zeros(count, 1, 28, 28);
        images[.., .., 4..24, 12..16] = ones(count, 1, 20, 4);
        return images;
    }
}
