namespace Digits.Inference;

/// <summary>How single predictions are run: coalesced into batches, and remembered.</summary>
public sealed record EngineOptions
{
    /// <summary>Coalesce concurrent single predictions into one ONNX Runtime run.</summary>
    public bool Batching { get; init; } = true;
    /// <summary>The largest batch one run takes.</summary>
    public int MaxBatch { get; init; } = 32;
    /// <summary>
    /// How long a batch waits for company after its first request. Zero: a batch takes what is already queued
    /// and runs at once, so a lone client never waits; under load, requests queue while a batch runs anyway.
    /// </summary>
    public TimeSpan MaxWait { get; init; } = TimeSpan.Zero;
    /// <summary>Batches running at once; each runs on one core.</summary>
    public int Workers { get; init; } = Environment.ProcessorCount;
    /// <summary>Answers remembered by exact model input; 0 turns the cache off.</summary>
    public int CacheEntries { get; init; } = 4096;

    public static EngineOptions Direct { get; } = new() { Batching = false, CacheEntries = 0 };
}
