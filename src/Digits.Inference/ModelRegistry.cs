using System.Collections.Concurrent;
using Digits.Core.Models;

namespace Digits.Inference;

/// <summary>
/// The models a process can serve, read from models/NAME/VERSION/. Sessions are created once per version and
/// reused by every request. A new version that appears on disk becomes the default for its name at the next
/// <see cref="Refresh"/> (a file watcher and a timer call it), without a restart; requests already holding the
/// previous version finish on it, because loaded versions are never disposed while the process lives.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly ModelStore _store;
    private readonly ConcurrentDictionary<string, Lazy<OnnxModel>> _loaded = new();
    private readonly ConcurrentDictionary<string, (DateTime Written, ModelMetadata Metadata)> _metadata = new();
    private volatile Snapshot _snapshot = new(new Dictionary<string, IReadOnlyList<string>>(), null, null);

    /// <summary>What is on disk, as of the last <see cref="Refresh"/>: the servable versions, and the models each role would serve.</summary>
    private sealed record Snapshot(IReadOnlyDictionary<string, IReadOnlyList<string>> Versions, string? BestImageModel, string? NewestFeaturesModel);

    public ModelRegistry(string modelsDirectory, string? defaultImageModel = null, bool preferInt8 = false)
    {
        _store = new ModelStore(modelsDirectory);
        DefaultImageModel = defaultImageModel;
        PreferInt8 = preferInt8;
        Refresh();
    }

    /// <summary>Serve the int8 file of the default image model where one was exported.</summary>
    public bool PreferInt8 { get; }

    public string Root => _store.Root;

    /// <summary>The model /predict uses without ?model=; null picks the most accurate digit image model on disk.</summary>
    public string? DefaultImageModel { get; }

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Versions => _snapshot.Versions;

    /// <summary>
    /// Reads what is on disk and decides each role's default once, here rather than per request: the digit image
    /// model most accurate on its test set (never, say, a clothing classifier) and the newest 8x8 digit model.
    /// </summary>
    public void Refresh()
    {
        var versions = _store.Names().ToDictionary(name => name, name => _store.Versions(name)
            .Where(v => File.Exists(Path.Combine(_store.Root, name, v, ModelFiles.Onnx))).ToArray() as IReadOnlyList<string>)
            .Where(p => p.Value.Count > 0).ToDictionary();
        var newest = versions.Select(p => CachedMetadata(p.Key, p.Value[^1])).OfType<ModelMetadata>().ToArray();
        _snapshot = new Snapshot(versions,
            newest.Where(m => m.Spec.ReadsDigitImages).OrderBy(m => m.Metrics.Test.Accuracy).ThenBy(m => m.Version, StringComparer.Ordinal).LastOrDefault()?.Name,
            newest.Where(m => m.Spec.ReadsDigitFeatures).MaxBy(m => m.Version, StringComparer.Ordinal)?.Name);
    }

    /// <summary>A version's metadata, read again only when its file changes.</summary>
    private ModelMetadata? CachedMetadata(string name, string version)
    {
        var file = Path.Combine(_store.Root, name, version, ModelFiles.Metadata);
        var written = File.GetLastWriteTimeUtc(file);
        if (_metadata.TryGetValue(file, out var cached) && cached.Written == written) return cached.Metadata;
        var metadata = _store.TryReadMetadata(Path.GetDirectoryName(file)!);
        if (metadata is not null) _metadata[file] = (written, metadata);
        return metadata;
    }

    /// <summary>The model /predict serves without ?model=: the configured one, else the most accurate digit image model.</summary>
    private ModelReference? DefaultImageReference =>
        DefaultImageModel is { } configured ? ModelReference.Parse(configured)
        : _snapshot.BestImageModel is { } best ? new ModelReference(best, null) : null;

    public string? DefaultImageModelName => DefaultImageReference?.Name;

    /// <summary>The name /predict/features serves: the newest model reading 8x8 digit features.</summary>
    public string? DefaultFeaturesModelName => _snapshot.NewestFeaturesModel;

    /// <summary>Finds and loads a model; null when it does not exist.</summary>
    public OnnxModel? Get(ModelReference reference, bool int8 = false)
    {
        if (!Versions.TryGetValue(reference.Name, out var versions)) return null;
        var version = reference.Version ?? versions[^1];
        if (!versions.Contains(version)) return null;
        var folder = Path.Combine(_store.Root, reference.Name, version);
        var file = int8 ? ModelFiles.OnnxInt8 : ModelFiles.Onnx;
        var path = Path.Combine(folder, file);
        if (_loaded.TryGetValue(path, out var loaded)) return loaded.Value;
        if (!File.Exists(path)) return null;
        return _loaded.GetOrAdd(path, _ => new Lazy<OnnxModel>(() => OnnxModel.Load(folder, _store.ReadMetadata(folder), file))).Value;
    }

    public OnnxModel? DefaultForImages() =>
        DefaultImageReference is { } reference ? (PreferInt8 ? Get(reference, int8: true) : null) ?? Get(reference) : null;

    public OnnxModel? DefaultForFeatures() => DefaultFeaturesModelName is { } name ? Get(new ModelReference(name, null)) : null;

    /// <summary>Loads the default models now, so the first request does not pay for it.</summary>
    public void Warm()
    {
        DefaultForImages();
        DefaultForFeatures();
    }

    public IEnumerable<OnnxModel> LoadedModels => _loaded.Values.Where(l => l.IsValueCreated).Select(l => l.Value);

    public ModelMetadata ReadMetadata(string name, string version) =>
        _store.ReadMetadata(Path.Combine(_store.Root, name, version));

    public void Dispose()
    {
        foreach (var model in LoadedModels) model.Dispose();
    }
}
