namespace Digits.Training;

/// <summary>What the user asked for; anything left null takes the recipe's value.</summary>
public sealed record TrainingRequest
{
    public required string Model { get; init; }
    public string? Dataset { get; init; }
    public int? Epochs { get; init; }
    public int? BatchSize { get; init; }
    public double? LearningRate { get; init; }
    public int Seed { get; init; } = 42;
    public bool? Augment { get; init; }
    public bool? Elastic { get; init; }
    /// <summary>Average the published model's answers over each image and its one-pixel shifts; training is unchanged, so a resumed run may set it.</summary>
    public bool? ShiftViews { get; init; }
    public int? Limit { get; init; }
    public bool Resume { get; init; }
    /// <summary>Train this many members with consecutive seeds and publish them as one model that averages their probabilities.</summary>
    public int Ensemble { get; init; } = 1;
}
