using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Digits.Training.Architectures;

/// <summary>One step of a <see cref="ConvBnNet"/>: a 3x3 convolution to this many channels, or a 2x2 max pool.</summary>
public readonly record struct ConvStage(int Channels)
{
    public static ConvStage Pool => new(0);
    public bool IsPool => Channels == 0;
    public static implicit operator ConvStage(int channels) => new(channels);
}

/// <summary>
/// A plain stack of 3x3 convolutions (same padding, no bias), each followed by batch norm and ReLU, with 2x2 max
/// pools between groups, then global average pooling and one linear layer. Flat and sequential, so the ONNX
/// exporter folds each batch norm into its convolution.
/// </summary>
public static class ConvBnNet
{
    public static Sequential Build(int outputs, params ConvStage[] stages)
    {
        var layers = new List<(string, Module<Tensor, Tensor>)>();
        var channels = 1;
        var convolutions = 0;
        var pools = 0;
        foreach (var stage in stages)
        {
            if (stage.IsPool)
            {
                layers.Add(($"pool{++pools}", MaxPool2d(2)));
                continue;
            }
            var n = ++convolutions;
            layers.Add(($"conv{n}", Conv2d(channels, stage.Channels, 3, padding: 1, bias: false)));
            layers.Add(($"bn{n}", BatchNorm2d(stage.Channels)));
            layers.Add(($"relu{n}", ReLU()));
            channels = stage.Channels;
        }
        layers.Add(("gap", AdaptiveAvgPool2d(1)));
        layers.Add(("flatten", Flatten()));
        layers.Add(("output", Linear(channels, outputs)));
        return Sequential(layers);
    }
}
