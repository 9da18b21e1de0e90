namespace Digits.Core.Metrics;

public sealed record ClassMetrics(string Label, double Precision, double Recall, double F1, int Support);

public sealed record AveragedMetrics(double Precision, double Recall, double F1);

/// <summary>What a model achieved on a labelled set: the `metrics.test` object of metadata.json.</summary>
/// <param name="Reliability">Its answers per confidence bin with their accuracy: also the confidence distribution live answers are compared with.</param>
public sealed record EvaluationMetrics(
    double Accuracy,
    double Loss,
    double Ece,
    IReadOnlyList<ClassMetrics> PerClass,
    AveragedMetrics Macro,
    AveragedMetrics Weighted,
    int[][] ConfusionMatrix,
    IReadOnlyList<CalibrationBin>? Reliability = null);
