namespace Digits.Server;

public sealed record ServerOptions
{
    public const string DefaultUrl = "http://127.0.0.1:5000";

    public string Urls { get; init; } = DefaultUrl;
    public required string ModelsDirectory { get; init; }
    /// <summary>NAME or NAME@VERSION that /predict uses without ?model=; null picks the best image model present.</summary>
    public string? DefaultModel { get; init; }
    /// <summary>Serve model.int8.onnx for the default image model where it exists.</summary>
    public bool PreferInt8 { get; init; }
    public long MaxBodyBytes { get; init; } = 5 * 1024 * 1024;
    /// <summary>Predictions below this confidence are counted as low-confidence in /metrics.</summary>
    public double LowConfidenceThreshold { get; init; } = 0.6;
    public bool RequestLogging { get; init; } = true;
    public Digits.Inference.EngineOptions Engine { get; init; } = new();
}
