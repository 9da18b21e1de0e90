using Digits.Imaging;
using static TorchSharp.torch;

namespace Digits.Training.Architectures;

/// <summary>
/// Test-time augmentation inside the model: each image is seen in its <see cref="ShiftedViews"/> and the model's
/// probabilities over the views are averaged. The shifted copies come from one fixed 3x3 convolution, which the ONNX
/// exporter writes as it is, so the graph computes exactly this. Returns the log of the average, so that softmax of
/// its output is that average.
/// </summary>
public sealed class ShiftViews : nn.Module<Tensor, Tensor>
{
    private readonly nn.Module<Tensor, Tensor> model;

    public ShiftViews(nn.Module<Tensor, Tensor> model) : base(nameof(ShiftViews))
    {
        this.model = model;
        RegisterComponents();
    }

    public nn.Module<Tensor, Tensor> Model => model;

    public static int Count => ShiftedViews.Count;

    /// <summary>
    /// One 3x3 kernel per view of <see cref="ShiftedViews.Moves"/>, each a single 1 (convolution here is
    /// cross-correlation: a 1 left of the centre reads the pixel to the left, which moves the image one pixel right).
    /// </summary>
    public static float[] Kernels { get; } = ShiftedViews.Moves.SelectMany(move =>
        Enumerable.Range(0, 9).Select(at => at == (1 - move.Down) * 3 + 1 - move.Right ? 1f : 0f)).ToArray();

    /// <returns>N x 1 x H x W images as (views x N) x 1 x H x W: all first views, then all second views, and so on.</returns>
    public static Tensor Views(Tensor images)
    {
        using var kernels = tensor(Kernels, [Count, 1, 3, 3]);
        using var shifted = nn.functional.conv2d(images, kernels, padding: [1, 1]);
        return shifted.transpose(0, 1).reshape(-1, 1, images.shape[2], images.shape[3]);
    }

    public override Tensor forward(Tensor input)
    {
        using var scope = NewDisposeScope();
        var probabilities = nn.functional.softmax(model.forward(Views(input)), 1);
        return probabilities.reshape(Count, input.shape[0], -1).mean([0]).log().MoveToOuterDisposeScope();
    }
}
