namespace Digits.TrainingBenchmarks;

/// <summary>One measured training run; an ensemble's line carries its member count.</summary>
public sealed record RunResult(string Recipe, string Ablation, int Seed, double TestAccuracy, double TrainSeconds, int Epochs, int Members = 1);
