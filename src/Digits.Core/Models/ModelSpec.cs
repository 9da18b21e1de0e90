namespace Digits.Core.Models;

/// <summary>What a model's classes are: the thing it recognizes.</summary>
public enum RecognitionTask
{
    Digits,
    Clothing,
}

/// <summary>
/// What a model is, apart from the name it is published under: the recipe that built it, the options it was
/// trained with, its data set, what it recognizes and what it takes. Code that rebuilds, evaluates, exports or
/// chooses a model reads this, never the name.
/// </summary>
public sealed record ModelSpec(
    string Recipe,
    TrainingOptions Options,
    DatasetReference Dataset,
    RecognitionTask Task,
    ModelInput Input,
    IReadOnlyList<string> Labels)
{
    /// <summary>A model that reads handwritten digits from 28x28 images: what /predict serves.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ReadsDigitImages => Task == RecognitionTask.Digits && Input.IsImage;

    /// <summary>A model that reads handwritten digits from 8x8 features: what /predict/features serves.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public bool ReadsDigitFeatures => Task == RecognitionTask.Digits && !Input.IsImage;
}

public sealed record DatasetReference(string Name, IReadOnlyDictionary<string, string> Files);
