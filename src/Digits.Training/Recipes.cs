using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Training.Architectures;

namespace Digits.Training;

public static class Recipes
{
    private static readonly TrainingOptions OneCycleAdamW = new()
    {
        Split = SplitMethod.LastTenThousand, LearningRate = 0.01, BatchSize = 128, Epochs = 15, Optimizer = OptimizerKind.AdamW,
        Schedule = LearningRateSchedule.OneCycle, WeightDecay = 1e-4, LabelSmoothing = 0.1,
    };

    public static IReadOnlyList<ModelRecipe> All { get; } =
    [
        new("mlp", "Keras MLP seed: Flatten -> Dense 128 ReLU -> Dense 10", Mlp.Create, DatasetCatalog.Mnist,
            new() { Split = SplitMethod.TestAsValidation, LearningRate = 1e-3, BatchSize = 32, Epochs = 10 }),
        new("cnn", "model-card CNN: Conv 32 -> Pool -> Conv 64 -> Pool -> Dense 128", Cnn.Create, DatasetCatalog.Mnist,
            new() { Split = SplitMethod.LastTenThousand, LearningRate = 1e-3, BatchSize = 128, Epochs = 15 }),
        new("cnn-enhanced", "enhanced CNN: 32-32, 64-64, 128 blocks with BatchNorm, Dense 512-256, augmentation", CnnEnhanced.Create, DatasetCatalog.Mnist,
            new()
            {
                Split = SplitMethod.Stratified, LearningRate = 1e-3, BatchSize = 128, Epochs = 50, Augment = true, EarlyStoppingPatience = 10,
                PlateauPatience = 3, Schedule = LearningRateSchedule.ReduceOnPlateau,
            }),
        new("champion", "our CNN: 3x3 convolutions with batch norm, 32 | 64-64 | 128-128 | 256 channels between max pools, global average pool",
            Champion.Create, DatasetCatalog.Mnist, OneCycleAdamW with { Augment = true, WeightAveraging = 0.999 }),
        new(DefaultRecipes.Images, "our small CNN: 3x3 convolutions with batch norm, 16 | 32 | 64 | 128 channels between max pools, global average pool",
            Champion.CreateQuick, DatasetCatalog.Mnist, OneCycleAdamW with { Epochs = 3, WeightAveraging = 0.99, Elastic = true, LowResolution = true, NotDigits = true, PrintedDigits = true }),
        new(DefaultRecipes.Features, "8x8 digits MLP seed: 64 -> 128 -> 64 -> 10", Digits8x8Mlp.Create, DatasetCatalog.Digits8x8,
            new() { Split = SplitMethod.StratifiedHoldoutAsTest, LearningRate = 1e-3, BatchSize = 32, Epochs = 25 }),
    ];

    public static IReadOnlyList<string> Ids { get; } = All.Select(r => r.Id).ToArray();

    /// <exception cref="InvalidTrainingOptionsException">No recipe has this id.</exception>
    public static ModelRecipe Get(string id) =>
        All.FirstOrDefault(r => r.Id == id)
        ?? throw new InvalidTrainingOptionsException($"There is no recipe '{id}'. Known: {string.Join(", ", Ids)}.");
}
