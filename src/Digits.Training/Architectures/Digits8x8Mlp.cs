using Digits.Core.Data;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Digits.Training.Architectures;

/// <summary>The 8x8 digits seed: 64 -> 128 -> 64 -> 10 with ReLU; takes raw 0..16 values and divides by 16 itself.</summary>
public static class Digits8x8Mlp
{
    public static Module<Tensor, Tensor> Create(int outputs) => Sequential(
        ("normalize", new Scale(1f / Digits8x8CsvReader.MaxValue)),
        ("dense1", Linear(Digits8x8CsvReader.FeatureCount, 128)),
        ("relu1", ReLU()),
        ("dense2", Linear(128, 64)),
        ("relu2", ReLU()),
        ("output", Linear(64, outputs)));
}
