using TorchSharp.Modules;

namespace Digits.Training.Architectures;

/// <summary>
/// Our own networks: all 3x3 convolutions with batch norm, doubling the channels after each 2x2 pool, a last
/// convolution on the 3x3 map and global average pooling (BENCHMARKS.md measures what each choice is worth).
/// The quick one has half the channels and one convolution per size, and trains in under a minute on 2 cores.
/// </summary>
public static class Champion
{
    public static IReadOnlyList<ConvStage> Stages { get; } = [32, ConvStage.Pool, 64, 64, ConvStage.Pool, 128, 128, ConvStage.Pool, 256];

    public static IReadOnlyList<ConvStage> QuickStages { get; } = [16, ConvStage.Pool, 32, ConvStage.Pool, 64, ConvStage.Pool, 128];

    public static Sequential Create(int outputs) => ConvBnNet.Build(outputs, [.. Stages]);

    public static Sequential CreateQuick(int outputs) => ConvBnNet.Build(outputs, [.. QuickStages]);
}
