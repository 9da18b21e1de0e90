using TorchSharp;
using static TorchSharp.torch;

namespace Digits.Training.Architectures;

/// <summary>Multiplies its input by a constant: keeps input normalization inside the model (and its ONNX graph).</summary>
public sealed class Scale(float factor) : nn.Module<Tensor, Tensor>(nameof(Scale))
{
    public float Factor { get; } = factor;

    public override Tensor forward(Tensor input) => input * Factor;
}
