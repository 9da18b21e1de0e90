using Digits.Feedback;
using Digits.Inference;
using Microsoft.Extensions.Configuration;

namespace Digits.Server;

/// <summary>
/// How the server runs, bound from configuration: appsettings.json, then DIGITS_* environment variables, then
/// `serve` flags, all feeding the same keys (the flag's name in snake case: --max-body-mb is max_body_mb and
/// DIGITS_MAX_BODY_MB). Each default is defined here and nowhere else.
/// </summary>
public sealed record ServerOptions
{
    public const string EnvironmentPrefix = "DIGITS_";

    [ConfigurationKeyName("urls")] public string Urls { get; init; } = "http://127.0.0.1:5000";
    [ConfigurationKeyName("models_dir")] public string ModelsDirectory { get; init; } = "models";
    /// <summary>NAME or NAME@VERSION that /predict uses without ?model=; null picks the most accurate digit image model present.</summary>
    [ConfigurationKeyName("default_model")] public string? DefaultModel { get; init; }
    /// <summary>Serve model.int8.onnx for the default image model where it exists.</summary>
    [ConfigurationKeyName("int8")] public bool PreferInt8 { get; init; }
    [ConfigurationKeyName("max_body_mb")] public double MaxBodyMegabytes { get; init; } = 5;
    [ConfigurationKeyName("quiet")] public bool Quiet { get; init; }
    [ConfigurationKeyName("no_batching")] public bool NoBatching { get; init; }
    [ConfigurationKeyName("max_batch")] public int MaxBatch { get; init; } = 32;
    /// <summary>How long a batch waits for more requests; 0: never, so a lone client sees no delay.</summary>
    [ConfigurationKeyName("batch_wait_us")] public int BatchWaitMicroseconds { get; init; }
    /// <summary>The most images one /predict/batch request may hold, as Triton's max_batch_size.</summary>
    [ConfigurationKeyName("max_batch_images")] public int MaxBatchImages { get; init; } = 64;
    /// <summary>API requests worked on at once; more wait in a queue of <see cref="MaxQueuedRequests"/>, and beyond it get 503 with Retry-After.</summary>
    [ConfigurationKeyName("max_concurrent_requests")] public int MaxConcurrentRequests { get; init; } = 64;
    [ConfigurationKeyName("max_queued_requests")] public int MaxQueuedRequests { get; init; } = 512;
    /// <summary>API requests one client may make a minute, beyond which it gets 429 with Retry-After; 0: no limit. A client is its API key while keys are on, else its IP address.</summary>
    [ConfigurationKeyName("rate_limit")] public int RateLimitPerMinute { get; init; }
    /// <summary>Predictions remembered by exact input; 0 turns the cache off.</summary>
    [ConfigurationKeyName("cache_size")] public int CacheEntries { get; init; } = 4096;
    /// <summary>Predictions below this confidence are counted as low-confidence in /metrics.</summary>
    [ConfigurationKeyName("low_confidence")] public double LowConfidenceThreshold { get; init; } = 0.6;

    /// <summary>Where answers and feedback are kept: a SQLite file, a postgresql:// URL, or "off"; null: feedback.db beside the models folder.</summary>
    [ConfigurationKeyName("feedback_db")] public string? FeedbackDatabase { get; init; }
    /// <summary>The most answers kept for feedback; older ones are removed first.</summary>
    [ConfigurationKeyName("feedback_keep")] public int FeedbackMaxPredictions { get; init; } = 100_000;
    /// <summary>Answers older than this many days are removed, and feedback on them is refused.</summary>
    [ConfigurationKeyName("feedback_days")] public double FeedbackMaxAgeDays { get; init; } = 30;

    public string FeedbackSetting => FeedbackDatabase ?? Digits.Feedback.FeedbackDatabase.DefaultPath(ModelsDirectory);

    public Retention FeedbackRetention => new(FeedbackMaxPredictions, TimeSpan.FromDays(FeedbackMaxAgeDays));

    /// <summary>Host headers answered, separated by ';' ("*" for any); null: the loopback names when every URL is on loopback, else any.</summary>
    [ConfigurationKeyName("allowed_hosts")] public string? AllowedHosts { get; init; }

    /// <summary>API keys separated by ','; with any (here or in <see cref="ApiKeysFile"/>), every API call needs one.</summary>
    [ConfigurationKeyName("api_keys")] public string? ApiKeys { get; init; }
    /// <summary>A file of API keys, one a line ('#' starts a comment), read at start.</summary>
    [ConfigurationKeyName("api_keys_file")] public string? ApiKeysFile { get; init; }
    /// <summary>/metrics answers without a key while keys are on, for a scraper that has none.</summary>
    [ConfigurationKeyName("open_metrics")] public bool OpenMetrics { get; init; }

    /// <summary>A key is at least this long: 32 hex digits (`openssl rand -hex 16`) are.</summary>
    public const int MinimumKeyLength = 16;

    /// <summary>Every API key, from <see cref="ApiKeys"/> and <see cref="ApiKeysFile"/>; empty: keys are off.</summary>
    public IReadOnlyList<string> KeyList =>
        (ApiKeys?.Split(',') ?? []).Concat(ApiKeysFile is { } file ? File.ReadLines(file).Select(line => line.Split('#')[0]) : [])
        .Select(key => key.Trim()).Where(key => key.Length > 0).ToArray();

    private static readonly string[] LoopbackHosts = ["localhost", "127.0.0.1", "[::1]"];

    /// <summary>
    /// A server on loopback answers only requests addressed to loopback names, so a page elsewhere cannot reach it
    /// through a DNS name that resolves to 127.0.0.1 (DNS rebinding); bound wider, it answers any name unless told.
    /// </summary>
    public IReadOnlyList<string> HostsAllowed =>
        AllowedHosts is { } configured ? configured.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        : Urls.Split(';', StringSplitOptions.RemoveEmptyEntries).All(url => Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.IsLoopback) ? LoopbackHosts
        : ["*"];

    public long MaxBodyBytes => (long)(MaxBodyMegabytes * 1024 * 1024);

    public EngineOptions Engine => new()
    {
        Batching = !NoBatching,
        MaxBatch = MaxBatch,
        MaxWait = TimeSpan.FromMicroseconds(BatchWaitMicroseconds),
        CacheEntries = CacheEntries,
    };

    /// <summary>The environment variable that sets a key: models_dir is DIGITS_MODELS_DIR.</summary>
    public static string VariableFor(string key) => EnvironmentPrefix + key.ToUpperInvariant();

    /// <returns>Every value that is out of range, named by its key and its environment variable.</returns>
    public IEnumerable<string> Problems()
    {
        if (!(MaxBodyMegabytes > 0 && double.IsFinite(MaxBodyMegabytes))) yield return Out("max_body_mb", MaxBodyMegabytes, "a positive number of megabytes");
        if (MaxBatch < 1) yield return Out("max_batch", MaxBatch, "at least 1");
        if (MaxBatchImages is < 1 or > 1024) yield return Out("max_batch_images", MaxBatchImages, "from 1 to 1024");
        if (MaxConcurrentRequests < 1) yield return Out("max_concurrent_requests", MaxConcurrentRequests, "at least 1");
        if (MaxQueuedRequests < 0) yield return Out("max_queued_requests", MaxQueuedRequests, "0 (no queue) or more");
        if (RateLimitPerMinute < 0) yield return Out("rate_limit", RateLimitPerMinute, "0 (no limit) or more requests a minute");
        if (BatchWaitMicroseconds < 0) yield return Out("batch_wait_us", BatchWaitMicroseconds, "0 or more");
        if (CacheEntries < 0) yield return Out("cache_size", CacheEntries, "0 (off) or more");
        if (LowConfidenceThreshold is < 0 or > 1) yield return Out("low_confidence", LowConfidenceThreshold, "between 0 and 1");
        if (FeedbackMaxPredictions < 1) yield return Out("feedback_keep", FeedbackMaxPredictions, "at least 1");
        if (!(FeedbackMaxAgeDays > 0 && double.IsFinite(FeedbackMaxAgeDays))) yield return Out("feedback_days", FeedbackMaxAgeDays, "a positive number of days");
        if (FeedbackDatabase is { Length: 0 }) yield return Out("feedback_db", "(empty)", $"a file, a postgresql:// URL or {Digits.Feedback.FeedbackDatabase.Off}");
        if (ApiKeysFile is { } keysFile && !File.Exists(keysFile)) yield return Out("api_keys_file", keysFile, "a file of API keys, one a line");
        else if (KeyList.Any(key => key.Length < MinimumKeyLength))
            yield return $"Every API key (api_keys, {VariableFor("api_keys")}, or api_keys_file) must be at least {MinimumKeyLength} characters; `openssl rand -hex 16` makes one.";
        if (string.IsNullOrWhiteSpace(ModelsDirectory)) yield return Out("models_dir", "(empty)", "a folder");
        if (DefaultModel is { } model && !Digits.Core.Models.ModelReference.TryParse(model, out _, out var error))
            yield return $"default_model ({VariableFor("default_model")}): {error}";
    }

    private static string Out(string key, object value, string expected) => $"{key} ({VariableFor(key)}) must be {expected}, not {value}.";
}
