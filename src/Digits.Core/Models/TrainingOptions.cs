namespace Digits.Core.Models;

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
    /// <summary>Multiply by PlateauFactor when validation loss stalls for PlateauPatience epochs.</summary>
    ReduceOnPlateau,
    /// <summary>Warm up to the peak learning rate, then anneal to almost zero, batch by batch.</summary>
    OneCycle,
}

/// <summary>
/// Every choice a training run makes, as one record: a recipe holds its defaults, a run overrides them with
/// <c>with { ... }</c>, and a model's metadata keeps the record it was trained with, as it is.
/// </summary>
public sealed record TrainingOptions
{
    public required SplitMethod Split { get; init; }
    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }
    /// <summary>The learning rate, the peak one for <see cref="LearningRateSchedule.OneCycle"/>.</summary>
    public required double LearningRate { get; init; }
    public const int DefaultSeed = 42;

    /// <summary>Seeds every random source; an ensemble's members take SEED, SEED+1, ...</summary>
    public int Seed { get; init; } = DefaultSeed;
    /// <summary>Random rotation, zoom and translation of each training image.</summary>
    public bool Augment { get; init; }
    /// <summary>Also bend each training image with a smooth random displacement field.</summary>
    public bool Elastic { get; init; }
    /// <summary>Also make training digits look as real photos, scans and drawings do once preprocessed (thickness, blur, uneven ink, gaps, covers).</summary>
    public bool Robust { get; init; }
    /// <summary>Also show some training digits as low-resolution scans are seen once enlarged.</summary>
    public bool LowResolution { get; init; }
    /// <summary>Also learn an answer for what is not one digit (touching digits, a piece of one), with which /read chooses its cuts.</summary>
    public bool NotDigits { get; init; }
    /// <summary>Also show some training digits printed in typefaces of Debian font packages other than the evaluation's.</summary>
    public bool PrintedDigits { get; init; }
    /// <summary>Stop after this many epochs without a better validation loss, and keep the best epoch's weights; null: never.</summary>
    public int? EarlyStoppingPatience { get; init; }
    public int? PlateauPatience { get; init; }
    public double PlateauFactor { get; init; } = 0.5;
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    public double WeightDecay { get; init; }
    public double LabelSmoothing { get; init; }
    /// <summary>The decay of an exponential moving average of the weights, which is then evaluated and kept; null: none.</summary>
    public double? WeightAveraging { get; init; }
    /// <summary>Publish the model averaging its answers over each image and its one-pixel shifts; training is unchanged.</summary>
    public bool ShiftViews { get; init; }
    /// <summary>Train on the first N training images only (quick runs); validation and test stay whole.</summary>
    public int? Limit { get; init; }
    /// <summary>How many models are trained, with consecutive seeds, and published as one averaging their probabilities.</summary>
    public int Ensemble { get; init; } = 1;

    /// <summary>Only recipes that stop early choose their best epoch; the others keep their last (or averaged) weights.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool KeepsBestWeights => EarlyStoppingPatience is not null;

    /// <exception cref="InvalidTrainingOptionsException">A count or rate that cannot train anything.</exception>
    public void Validate()
    {
        Require(Epochs > 0, $"The number of epochs must be positive, not {Epochs}.");
        Require(BatchSize > 0, $"The batch size must be positive, not {BatchSize}.");
        Require(LearningRate > 0 && double.IsFinite(LearningRate), $"The learning rate must be a positive number, not {LearningRate}.");
        Require(Limit is null or > 0, $"The training image limit must be positive, not {Limit}.");
        Require(Ensemble > 0, $"An ensemble needs at least one member, not {Ensemble}.");
        Require(LabelSmoothing is >= 0 and < 1, $"Label smoothing must be in [0, 1), not {LabelSmoothing}.");
        Require(WeightAveraging is null or (> 0 and < 1), $"The weight average's decay must be in (0, 1), not {WeightAveraging}.");
    }

    private static void Require(bool condition, string message)
    {
        if (!condition) throw new InvalidTrainingOptionsException(message);
    }
}

public sealed class InvalidTrainingOptionsException(string message) : Exception(message);
