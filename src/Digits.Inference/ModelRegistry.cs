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
    private volatile IReadOnlyDictionary<string, IReadOnlyList<string>> _versions = new Dictionary<string, IReadOnlyList<string>>();

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

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Versions => _versions;

    public void Refresh()
    {
        _versions = _store.Names().ToDictionary(name => name, name => _store.Versions(name)
            .Where(v => File.Exists(Path.Combine(_store.Root, name, v, ModelFiles.Onnx))).ToArray() as IReadOnlyList<string>)
            .Where(p => p.Value.Count > 0).ToDictionary();
    }

    /// <summary>The metadata of each model's newest servable version, read once per change of the file.</summary>
    private IEnumerable<ModelMetadata> Newest() =>
        _versions.Select(p => CachedMetadata(p.Key, p.Value[^1])).OfType<ModelMetadata>();

    private ModelMetadata? CachedMetadata(string name, string version)
    {
        var file = Path.Combine(_store.Root, name, version, ModelFiles.Metadata);
        var written = File.GetLastWriteTimeUtc(file);
        if (_metadata.TryGetValue(file, out var cached) && cached.Written == written) return cached.Metadata;
        try
        {
            var metadata = _store.ReadMetadata(Path.GetDirectoryName(file)!);
            _metadata[file] = (written, metadata);
            return metadata;
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>The name /predict serves without ?model=: the configured one, else the digit image model most accurate on its test set (never, say, a clothing classifier).</summary>
    public string? DefaultImageModelName =>
        DefaultImageModel is { } configured
            ? ModelReference.Parse(configured).Name
            : Newest().Where(m => m.Spec.ReadsDigitImages)
                .OrderBy(m => m.Metrics.Test.Accuracy).ThenBy(m => m.Version, StringComparer.Ordinal).LastOrDefault()?.Name;

    /// <summary>The name /predict/features serves: the newest model reading 8x8 digit features.</summary>
    public string? DefaultFeaturesModelName =>
        Newest().Where(m => m.Spec.ReadsDigitFeatures).MaxBy(m => m.Version, StringComparer.Ordinal)?.Name;

    /// <summary>Finds and loads a model; null when it does not exist.</summary>
    public OnnxModel? Get(ModelReference reference, bool int8 = false)
    {
        if (!_versions.TryGetValue(reference.Name, out var versions)) return null;
        var version = reference.Version ?? versions[^1];
        if (!versions.Contains(version)) return null;
        var folder = Path.Combine(_store.Root, reference.Name, version);
        var file = int8 ? ModelFiles.OnnxInt8 : ModelFiles.Onnx;
        var path = Path.Combine(folder, file);
        if (_loaded.TryGetValue(path, out var loaded)) return loaded.Value;
        if (!File.Exists(path)) return null;
        return _loaded.GetOrAdd(path, _ => new Lazy<OnnxModel>(() => OnnxModel.Load(folder, _store.ReadMetadata(folder), file))).Value;
    }

    public OnnxModel? DefaultForImages()
    {
        var reference = DefaultImageModel is { } configured ? ModelReference.Parse(configured)
            : DefaultImageModelName is { } name ? new ModelReference(name, null) : null;
        if (reference is null) return null;
        return (PreferInt8 ? Get(reference, int8: true) : null) ?? Get(reference);
    }

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
