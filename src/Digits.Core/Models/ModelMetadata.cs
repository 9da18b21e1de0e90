using System.Text.Json.Serialization;
using Digits.Core.Data;
using Digits.Core.Metrics;

namespace Digits.Core.Models;

/// <summary>The contents of metadata.json: everything needed to trust, reproduce and serve a model.</summary>
public sealed record ModelMetadata
{
    public required string Name { get; init; }
    public required string Version { get; init; }
    public required ModelSpec Spec { get; init; }
    public required string Architecture { get; init; }
    public required long Parameters { get; init; }
    public required SplitSizes Split { get; init; }
    public required int EpochsRun { get; init; }
    public required double TrainSeconds { get; init; }
    public required IReadOnlyList<EpochRecord> History { get; init; }
    public required MetricsSet Metrics { get; init; }
    public required DateTimeOffset CreatedUtc { get; init; }
    public Int8Summary? Int8 { get; init; }
    public EnsembleSummary? Ensemble { get; init; }
    /// <summary>The temperature its log-probabilities are divided by before the softmax (fitted on validation data), or null for none.</summary>
    public double? Temperature { get; init; }
    /// <summary>Below which confidence an answer needs review, and what that threshold does on validation and test data.</summary>
    public ReviewSummary? Review { get; init; }
    /// <summary>Set when the model averages its answers over the image and its one-pixel shifts (test-time augmentation).</summary>
    public ShiftViewsSummary? ShiftViews { get; init; }
    /// <summary>Set when the model was fine-tuned from a published one on a folder of the user's own digits.</summary>
    public FineTuneSummary? FineTuning { get; init; }
    public IReadOnlyDictionary<string, string> Files { get; init; } = new Dictionary<string, string>();

    [JsonIgnore] public IReadOnlyList<string> Labels => Spec.Labels;
    [JsonIgnore] public ModelInput Input => Spec.Input;
}

/// <summary>
/// The review threshold fitted on validation data (answers at or above it were right at least the target share of
/// the time there), and on the test set: the share of answers it flags and the accuracy of those it does not.
/// </summary>
public sealed record ReviewSummary(double Threshold, double TargetPrecision, double ValidationFlagged, double TestFlagged, double TestUnflaggedAccuracy);

/// <summary>
/// Where a fine-tuned model comes from and what it gained: its parent, the folder it learned from (split stratified
/// into train, validation and test), the share of its training images that came from that folder (the rest are
/// MNIST, so that MNIST is not forgotten), and accuracy before (the parent) and after on the folder's test part and on MNIST test.
/// </summary>
public sealed record FineTuneSummary(string Parent, string Data, SplitSizes DataSplit, double DataShare, int MnistImages,
    double DataTestAccuracyBefore, double DataTestAccuracyAfter, double MnistTestAccuracyBefore, double MnistTestAccuracyAfter);

/// <summary>How many views of each image the model averages, and its test accuracy on the image alone (what the views are worth).</summary>
public sealed record ShiftViewsSummary(int Views, double AccuracyWithoutViews);

/// <summary>How the int8 model compares with the float one, on the same test set.</summary>
public sealed record Int8Summary(double Fp32Accuracy, double Int8Accuracy, long Fp32Bytes, long Int8Bytes, int CalibrationImages);

/// <summary>
/// An ensemble's members: their seeds, each one's own test accuracy (the spread a single run has) and, for
/// recipes that are calibrated, the temperature each member fitted on its own validation images.
/// </summary>
public sealed record EnsembleSummary(int Members, IReadOnlyList<int> Seeds, IReadOnlyList<double> MemberTestAccuracy, IReadOnlyList<double> MemberTrainSeconds,
    IReadOnlyList<double>? MemberTemperatures = null)
{
    public double MeanMemberAccuracy => MemberTestAccuracy.Average();

    public double MemberAccuracySpread
    {
        get
        {
            var mean = MeanMemberAccuracy;
            return Math.Sqrt(MemberTestAccuracy.Sum(a => (a - mean) * (a - mean)) / Math.Max(1, MemberTestAccuracy.Count - 1));
        }
    }
}

public sealed record SplitSizes(int Train, int Validation, int Test, string Method);

public sealed record EpochRecord(int Epoch, double TrainLoss, double TrainAccuracy, double ValLoss, double ValAccuracy, double Seconds, double LearningRate);

/// <param name="RealWorld">Accuracy on the real-world evaluation set (photos, fonts, scans, canvas strokes), once measured.</param>
/// <param name="Numbers">How whole numbers are read (`evaluate --numbers`); reported, not stored with the model.</param>
public sealed record MetricsSet(EvaluationMetrics Test, RealWorldMetrics? RealWorld = null, NumberMetrics? Numbers = null);

/// <summary>What the model file takes: its shape without the batch dimension and the range of its values.</summary>
public sealed record ModelInput(int[] Shape, double MinValue, double MaxValue, string Description)
{
    public static ModelInput Mnist { get; } = new([1, ModelInputEncoding.MnistSide, ModelInputEncoding.MnistSide], 0, 1, "float32 N x 1 x 28 x 28 in [0,1], white ink on black");
    public static ModelInput Digits8x8 { get; } = new([Digits8x8CsvReader.FeatureCount], 0, Digits8x8CsvReader.MaxValue, "float32 N x 64 in [0,16], row-major 8x8");
    [JsonIgnore] public int Length => Shape.Aggregate(1, (a, b) => a * b);
    /// <summary>Channels x rows x columns, rather than a flat vector of features.</summary>
    [JsonIgnore] public bool IsImage => Shape.Length == 3;
    public bool SameShapeAs(ModelInput other) => Shape.AsSpan().SequenceEqual(other.Shape);
}
