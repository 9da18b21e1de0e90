using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Digits.Training.Architectures;

/// <summary>The model card's CNN: two valid 3x3 convolutions with pooling, then a dense head.</summary>
public static class Cnn
{
    private static readonly int FinalSide =
        Shapes.AfterPool(Shapes.AfterValidConv(Shapes.AfterPool(Shapes.AfterValidConv(Shapes.MnistSide))));

    public static Module<Tensor, Tensor> Create(int outputs) => Sequential(
        ("conv1", Conv2d(1, 32, 3)),
        ("relu1", ReLU()),
        ("pool1", MaxPool2d(2)),
        ("conv2", Conv2d(32, 64, 3)),
        ("relu2", ReLU()),
        ("pool2", MaxPool2d(2)),
        ("dropout1", Dropout(0.25)),
        ("flatten", Flatten()),
        ("dense", Linear(64 * FinalSide * FinalSide, 128)),
        ("relu3", ReLU()),
        ("dropout2", Dropout(0.5)),
        ("output", Linear(128, outputs)));
}
