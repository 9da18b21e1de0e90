using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Digits.Training.Architectures;

/// <summary>The Keras seed: Flatten -> Dense 128 ReLU -> Dense 10 (softmax lives in the loss and the export).</summary>
public static class Mlp
{
    public const int Hidden = 128;

    public static Module<Tensor, Tensor> Create(int outputs) => Sequential(
        ("flatten", Flatten()),
        ("dense", Linear(Shapes.MnistPixels, Hidden)),
        ("relu", ReLU()),
        ("output", Linear(Hidden, outputs)));
}
