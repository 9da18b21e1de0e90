namespace Digits.Training;

public sealed record TrainingOptions
{
    public required int Epochs { get; init; }
    public required int BatchSize { get; init; }
    public required double LearningRate { get; init; }
    public required int Seed { get; init; }
    public required bool Augment { get; init; }
    /// <summary>Also bend each training image with a smooth random displacement field (see <see cref="Augmentation"/>).</summary>
    public bool Elastic { get; init; }
    public int? EarlyStoppingPatience { get; init; }
    public int? PlateauPatience { get; init; }
    public double PlateauFactor { get; init; } = 0.5;
    public bool KeepBestWeights { get; init; }
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;
    public LearningRateSchedule Schedule { get; init; } = LearningRateSchedule.Constant;
    public double WeightDecay { get; init; }
    public double LabelSmoothing { get; init; }
    /// <summary>The decay of an exponential moving average of the weights, which is then evaluated and kept; null: none.</summary>
    public double? WeightAveraging { get; init; }
    /// <summary>Publish the model averaging its answers over each image and its one-pixel shifts (see <see cref="Architectures.ShiftViews"/>).</summary>
    public bool ShiftViews { get; init; }
}

public sealed record BatchProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy);
