using Digits.Core.Models;
using Digits.Training;
using Digits.Training.Architectures;
using TorchSharp.Modules;

namespace Digits.TrainingBenchmarks;

/// <summary>One change to a recipe, measured against the recipe as it is.</summary>
public sealed record Ablation(string Name, Func<ModelRecipe, ModelRecipe> Apply)
{
    public static Ablation AsIs { get; } = new("recipe as is", r => r);

    /// <summary>Each choice of our recipes, taken away (or, for augmentation, distortion and low-resolution digits, toggled) one at a time.</summary>
    public static IReadOnlyList<Ablation> For(ModelRecipe recipe) =>
    [
        AsIs,
        new("no label smoothing", r => r with { Options = r.Options with { LabelSmoothing = 0 } }),
        new("no weight averaging", r => r with { Options = r.Options with { WeightAveraging = null } }),
        new("constant learning rate (Adam 0.001) instead of one cycle", r => r with
        {
            Options = r.Options with { Schedule = LearningRateSchedule.Constant, Optimizer = OptimizerKind.Adam, LearningRate = 1e-3, WeightDecay = 0 },
        }),
        new(recipe.Options.Augment ? "no augmentation" : "with augmentation", r => r with { Options = r.Options with { Augment = !r.Options.Augment } }),
        new(recipe.Options.Elastic ? "no elastic distortion" : "with elastic distortion", r => r with { Options = r.Options with { Elastic = !r.Options.Elastic } }),
        new(recipe.Options.LowResolution ? "no low-resolution digits" : "with low-resolution digits",
            r => r with { Options = r.Options with { LowResolution = !r.Options.LowResolution } }),
        new(recipe.Options.NotDigits ? "no not-one-digit answer" : "with a not-one-digit answer",
            r => r with { Options = r.Options with { NotDigits = !r.Options.NotDigits } }),
        new(recipe.Options.PrintedDigits ? "no printed digits" : "with printed digits",
            r => r with { Options = r.Options with { PrintedDigits = !r.Options.PrintedDigits } }),
        new("without the last convolution (on the 3x3 map)", r => r with { Create = outputs => WithoutLastConvolution(r, outputs) }),
    ];

    /// <remarks>Drops the last pool and convolution, so the network ends on the 7x7 map.</remarks>
    private static Sequential WithoutLastConvolution(ModelRecipe recipe, int outputs) =>
        ConvBnNet.Build(outputs, [.. (recipe.Id == "champion" ? Champion.Stages : Champion.QuickStages).SkipLast(2)]);
}
