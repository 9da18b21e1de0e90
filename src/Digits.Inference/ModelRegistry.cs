using System.Collections.Concurrent;
using Digits.Core.Models;

namespace Digits.Inference;

/// <summary>
/// The models a process can serve, read from models/NAME/VERSION/. Sessions are created once per version and
/// reused by every request. A new version that appears on disk becomes the default for its name at the next
/// <see cref="Refresh"/> (a file watcher and a timer call it), without a restart; requests already holding the
/// previous version finish on it, and <see cref="UnloadUnneeded"/> then releases it once nobody asks for it by name.
/// A version is served only once its file matches the SHA-256 its metadata records. One that fails to load (a
/// partial copy, a damaged file) is remembered with its error, tried again when its files change, and passed over:
/// NAME then means the newest version that loads, so the one before keeps serving.
/// </summary>
public sealed class ModelRegistry : IDisposable
{
    private readonly ModelStore _store;
    private readonly ConcurrentDictionary<string, OnnxModel> _loaded = new();
    private readonly ConcurrentDictionary<string, LoadFailure> _failures = new();
    private readonly Lock _loading = new();
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
        // Each name by its newest version whose metadata can be read: a damaged newest one must not hide the name.
        var newest = versions.Select(p => p.Value.Reverse().Select(v => CachedMetadata(p.Key, v)).FirstOrDefault(m => m is not null))
            .OfType<ModelMetadata>().ToArray();
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

    /// <summary>Why a version could not be loaded, and the files' write times it was tried with.</summary>
    private sealed record LoadFailure(string Version, string Error, DateTime OnnxWritten, DateTime MetadataWritten);

    /// <summary>Finds and loads a model: the version named, or else the newest one that loads; null when none exists.</summary>
    /// <exception cref="ModelLoadException">The version named, or every version of the name, fails to load.</exception>
    public OnnxModel? Get(ModelReference reference, bool int8 = false)
    {
        if (!Versions.TryGetValue(reference.Name, out var versions)) return null;
        if (reference.Version is { } version)
        {
            if (!versions.Contains(version)) return null;
            var (model, error) = Load(reference.Name, version, int8);
            return error is null ? AskedFor(model) : throw new ModelLoadException(reference.Name, version, error);
        }
        (string Version, string Error)? newestFailure = null;
        foreach (var candidate in versions.Reverse())
        {
            var (model, error) = Load(reference.Name, candidate, int8);
            if (model is not null) return AskedFor(model);
            if (error is not null) newestFailure ??= (candidate, error);
        }
        return newestFailure is { } failure ? throw new ModelLoadException(reference.Name, failure.Version, failure.Error) : null;
    }

    private static OnnxModel? AskedFor(OnnxModel? model)
    {
        if (model is not null) model.LastAskedFor = Environment.TickCount64;
        return model;
    }

    /// <summary>
    /// Retires the loaded versions no longer needed, as TF Serving does: those gone from disk, and those a newer loaded
    /// version of the same name (and file) has replaced that nobody asked for within <paramref name="unusedFor"/>.
    /// Their runs in flight finish first; a later request for one by name loads it again.
    /// </summary>
    /// <returns>The versions retired.</returns>
    public IReadOnlyList<OnnxModel> UnloadUnneeded(TimeSpan unusedFor)
    {
        var loaded = _loaded.ToArray();
        var versions = Versions;
        var now = Environment.TickCount64;
        var retired = new List<OnnxModel>();
        // A version's place among its name's versions on disk, newest last; -1 once it is gone.
        int PositionOf(OnnxModel model) =>
            versions.TryGetValue(Path.GetFileName(Path.GetDirectoryName(model.Folder))!, out var ofName)
                ? ofName.ToList().IndexOf(Path.GetFileName(model.Folder)) : -1;
        foreach (var (path, model) in loaded)
        {
            var position = PositionOf(model);
            var replaced = loaded.Any(other => other.Value.File == model.File
                && Path.GetDirectoryName(other.Value.Folder) == Path.GetDirectoryName(model.Folder)
                && PositionOf(other.Value) > position);
            var unused = now - model.LastAskedFor >= unusedFor.TotalMilliseconds;
            if (position >= 0 && !(replaced && unused)) continue;
            if (!_loaded.TryRemove(path, out _)) continue;
            model.Retire();
            retired.Add(model);
        }
        return retired;
    }

    /// <summary>Why each version of a name that failed to load did, by version (empty when all load or were never tried).</summary>
    public IReadOnlyDictionary<string, string> LoadErrors(string name) =>
        _failures.Where(f => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(f.Key))) == name)
            .ToDictionary(f => f.Value.Version, f => f.Value.Error);

    /// <returns>The model; or no model and the reason it cannot be loaded; or neither when the file does not exist.</returns>
    private (OnnxModel? Model, string? Error) Load(string name, string version, bool int8)
    {
        var folder = Path.Combine(_store.Root, name, version);
        var file = int8 ? ModelFiles.OnnxInt8 : ModelFiles.Onnx;
        var path = Path.Combine(folder, file);
        if (_loaded.TryGetValue(path, out var loaded)) return (loaded, null);
        if (!File.Exists(path)) return (null, null);
        var metadataFile = Path.Combine(folder, ModelFiles.Metadata);
        var (onnxWritten, metadataWritten) = (File.GetLastWriteTimeUtc(path), File.GetLastWriteTimeUtc(metadataFile));
        if (_failures.TryGetValue(path, out var failed) && failed.OnnxWritten == onnxWritten && failed.MetadataWritten == metadataWritten)
            return (null, failed.Error);
        lock (_loading)
        {
            if (_loaded.TryGetValue(path, out loaded)) return (loaded, null);
            try
            {
                var metadata = _store.ReadMetadata(folder);
                if (metadata.Files.TryGetValue(file, out var expected) && Digits.Core.Data.FileHashes.Sha256(path) != expected)
                    throw new InvalidDataException($"{file} does not match the SHA-256 in {ModelFiles.Metadata}: it is damaged, or still being copied.");
                var model = OnnxModel.Load(folder, metadata, file);
                _loaded[path] = model;
                _failures.TryRemove(path, out _);
                return (model, null);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException
                                          or InvalidOperationException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException)
            {
                var reason = e is System.Text.Json.JsonException ? $"{ModelFiles.Metadata} cannot be read: {e.Message}" : e.Message;
                _failures[path] = new LoadFailure(version, reason, onnxWritten, metadataWritten);
                return (null, reason);
            }
        }
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

    public IEnumerable<OnnxModel> LoadedModels => _loaded.Values;

    public ModelMetadata ReadMetadata(string name, string version) =>
        _store.ReadMetadata(Path.Combine(_store.Root, name, version));

    /// <returns>Null when metadata.json is damaged or gone.</returns>
    public ModelMetadata? TryReadMetadata(string name, string version) => _store.TryReadMetadata(Path.Combine(_store.Root, name, version));

    public void Dispose()
    {
        foreach (var model in LoadedModels) model.Dispose();
    }
}

/// <summary>A model version exists but cannot be served: its message says which and why.</summary>
public sealed class ModelLoadException(string name, string version, string reason) : Exception($"Model {name}@{version} cannot be loaded: {reason}");
