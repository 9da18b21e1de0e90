using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>How a recipe divides its data into train, validation and test.</summary>
public enum SplitMethod
{
    /// <summary>All training images train; the test set also validates (the Keras MLP seed).</summary>
    TestAsValidation,
    /// <summary>The last 10,000 training images validate; the test set is held out (the model card).</summary>
    LastTenThousand,
    /// <summary>A stratified 80/20 split of the training images; the test set is held out (the enhanced CNN).</summary>
    Stratified,
    /// <summary>One set only: a stratified 80/20 split whose 20 % both validates and tests (the 8x8 seed).</summary>
    StratifiedHoldoutAsTest,
}

public enum OptimizerKind
{
    Adam,
    /// <summary>Adam with decoupled weight decay.</summary>
    AdamW,
}

public enum LearningRateSchedule
{
    Constant,
    /// <summary>Halve (PlateauFactor) when validation loss stalls for PlateauPatience epochs.</summary>
    ReduceOnPlateau,
    /// <summary>Warm up to the peak learning rate, then anneal to almost zero, batch by batch (see <see cref="OneCycle"/>).</summary>
    OneCycle,
}

/// <summary>A model and the exact recipe its seed document (or, for our own models, its ablation) specifies.</summary>
public sealed record ModelRecipe(
    string Name,
    string Description,
    Func<nn.Module<Tensor, Tensor>> Create,
    string DefaultDataset,
    ModelInput Input,
    SplitMethod Split,
    double LearningRate,
    int BatchSize,
    int Epochs,
    bool Augment = false,
    bool Elastic = false,
    int? EarlyStoppingPatience = null,
    int? PlateauPatience = null,
    double PlateauFactor = 0.5,
    OptimizerKind Optimizer = OptimizerKind.Adam,
    LearningRateSchedule Schedule = LearningRateSchedule.Constant,
    double WeightDecay = 0,
    double LabelSmoothing = 0,
    double? WeightAveraging = null)
{
    public bool TakesImages => Input == ModelInput.Mnist;

    /// <summary>An untrained instance shaped like a saved model of this recipe: one network or an ensemble of them, with their temperatures.</summary>
    public nn.Module<Tensor, Tensor> CreateFor(ModelMetadata metadata)
    {
        var model = metadata.Ensemble is { } ensemble
            ? new Ensemble(Enumerable.Range(0, ensemble.Members).Select(i => Calibrated(Create(), ensemble.MemberTemperatures?[i])).ToArray())
            : Create();
        var calibrated = Calibrated(model, metadata.Temperature);
        return metadata.ShiftViews is null ? calibrated : new ShiftViews(calibrated);
    }

    private static nn.Module<Tensor, Tensor> Calibrated(nn.Module<Tensor, Tensor> model, double? temperature)
    {
        if (temperature is { } fitted) ModelCalibration.Apply(model, fitted);
        return model;
    }
}

public static class Recipes
{
    public static IReadOnlyList<ModelRecipe> All { get; } =
    [
        new("mlp", "Keras MLP seed: Flatten -> Dense 128 ReLU -> Dense 10", Mlp.Create,
            DatasetCatalog.Mnist, ModelInput.Mnist, SplitMethod.TestAsValidation,
            LearningRate: 1e-3, BatchSize: 32, Epochs: 10),
        new("cnn", "model-card CNN: Conv 32 -> Pool -> Conv 64 -> Pool -> Dense 128", Cnn.Create,
            DatasetCatalog.Mnist, ModelInput.Mnist, SplitMethod.LastTenThousand,
            LearningRate: 1e-3, BatchSize: 128, Epochs: 15),
        new("cnn-enhanced", "enhanced CNN: 32-32, 64-64, 128 blocks with BatchNorm, Dense 512-256, augmentation",
            CnnEnhanced.Create, DatasetCatalog.Mnist, ModelInput.Mnist, SplitMethod.Stratified,
            LearningRate: 1e-3, BatchSize: 128, Epochs: 50, Augment: true, EarlyStoppingPatience: 10, PlateauPatience: 3, Schedule: LearningRateSchedule.ReduceOnPlateau),
        new("champion", "our CNN: 3x3 convolutions with batch norm, 32 | 64-64 | 128-128 | 256 channels between max pools, global average pool",
            Champion.Create, DatasetCatalog.Mnist, ModelInput.Mnist, SplitMethod.LastTenThousand,
            LearningRate: 0.01, BatchSize: 128, Epochs: 15, Augment: true, Optimizer: OptimizerKind.AdamW,
            Schedule: LearningRateSchedule.OneCycle, WeightDecay: 1e-4, LabelSmoothing: 0.1, WeightAveraging: 0.999),
        new("champion-quick", "our small CNN: 3x3 convolutions with batch norm, 16 | 32 | 64 | 128 channels between max pools, global average pool",
            Champion.CreateQuick, DatasetCatalog.Mnist, ModelInput.Mnist, SplitMethod.LastTenThousand,
            LearningRate: 0.01, BatchSize: 128, Epochs: 3, Optimizer: OptimizerKind.AdamW,
            Schedule: LearningRateSchedule.OneCycle, WeightDecay: 1e-4, LabelSmoothing: 0.1, WeightAveraging: 0.99),
        new("digits8x8-mlp", "8x8 digits MLP seed: 64 -> 128 -> 64 -> 10", Digits8x8Mlp.Create,
            DatasetCatalog.Digits8x8, ModelInput.Digits8x8, SplitMethod.StratifiedHoldoutAsTest,
            LearningRate: 1e-3, BatchSize: 32, Epochs: 25),
    ];

    public static IReadOnlyList<string> Names { get; } = All.Select(r => r.Name).ToArray();

    public static ModelRecipe Get(string name) =>
        All.FirstOrDefault(r => r.Name == name)
        ?? throw new ArgumentException($"Unknown model '{name}'. Known: {string.Join(", ", Names)}.");
}
