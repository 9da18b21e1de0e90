using Digits.Core.Models;

namespace Digits.Training;

/// <summary>Where a run stands after an epoch: enough, with the saved weights, to resume it.</summary>
public sealed record TrainingState
{
    public required int EpochsDone { get; init; }
    public required double BestValLoss { get; init; }
    public required int BestEpoch { get; init; }
    public required int EpochsWithoutImprovement { get; init; }
    public required double LearningRate { get; init; }
    public required double Seconds { get; init; }
    public required List<EpochRecord> History { get; init; }

    public static TrainingState Initial(double learningRate) => new()
    {
        EpochsDone = 0, BestValLoss = double.PositiveInfinity, BestEpoch = 0, EpochsWithoutImprovement = 0,
        LearningRate = learningRate, Seconds = 0, History = [],
    };
}
