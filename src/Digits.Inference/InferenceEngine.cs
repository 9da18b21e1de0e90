using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Caching.Memory;

namespace Digits.Inference;

/// <summary>
/// Runs single predictions for the server: answers repeated inputs from a bounded cache (keyed by the exact
/// preprocessed input and the model), and coalesces concurrent requests into batches.
/// </summary>
public sealed class InferenceEngine(EngineOptions options) : IAsyncDisposable
{
    private readonly ConcurrentDictionary<OnnxModel, Lazy<MicroBatcher>> _batchers = new();
    private readonly MemoryCache? _cache = options.CacheEntries > 0
        ? new MemoryCache(new MemoryCacheOptions { SizeLimit = options.CacheEntries })
        : null;

    public EngineOptions Options { get; } = options;

    public long CacheHits => Interlocked.Read(ref _cacheHits);
    private long _cacheHits;

    /// <summary>Single predictions asked for, and model runs made for them: their ratio is the mean batch size.</summary>
    public long Requests => Interlocked.Read(ref _requests);
    private long _requests;
    public long Runs => _batchers.Values.Where(b => b.IsValueCreated).Sum(b => b.Value.Runs) + Interlocked.Read(ref _directRuns);
    private long _directRuns;

    public async ValueTask<float[]> RunAsync(OnnxModel model, float[] input)
    {
        Interlocked.Increment(ref _requests);
        var key = _cache is null ? null : new InputKey(model.Id, input);
        if (key is not null && _cache!.TryGetValue(key, out float[]? remembered))
        {
            Interlocked.Increment(ref _cacheHits);
            return remembered!;
        }
        float[] probabilities;
        if (Options.Batching && !model.IsRetired)
        {
            probabilities = await _batchers.GetOrAdd(model, m => new Lazy<MicroBatcher>(() => new MicroBatcher(m, Options))).Value.RunAsync(input);
            // Retired as this request began batching, it may have started a batcher after the watcher forgot the model's.
            if (model.IsRetired) await ForgetAsync(model);
        }
        else
        {
            probabilities = model.Run(input, 1);
            Interlocked.Increment(ref _directRuns);
        }
        if (key is not null) _cache!.Set(key, probabilities, new MemoryCacheEntryOptions { Size = 1 });
        return probabilities;
    }

    /// <summary>Stops batching for a retired model once the requests queued for it are answered.</summary>
    public async ValueTask ForgetAsync(OnnxModel model)
    {
        if (_batchers.TryRemove(model, out var batcher) && batcher.IsValueCreated) await batcher.Value.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var batcher in _batchers.Values.Where(b => b.IsValueCreated)) await batcher.Value.DisposeAsync();
        _cache?.Dispose();
    }

    /// <summary>A model and the exact bytes of its input: equal only when every value is equal.</summary>
    private sealed class InputKey(string model, float[] input) : IEquatable<InputKey>
    {
        private readonly int _hash = HashCode.Combine(model, Hash(input));

        private static int Hash(float[] input)
        {
            var hash = new HashCode();
            hash.AddBytes(MemoryMarshal.AsBytes(input.AsSpan()));
            return hash.ToHashCode();
        }

        public bool Equals(InputKey? other) =>
            other is not null && other._hash == _hash && other.Model == Model && other.Input.AsSpan().SequenceEqual(Input);

        private string Model { get; } = model;
        private float[] Input { get; } = input;

        public override bool Equals(object? obj) => Equals(obj as InputKey);
        public override int GetHashCode() => _hash;
    }
}
