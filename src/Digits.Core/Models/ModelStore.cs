namespace Digits.Core.Models;

/// <summary>
/// The models folder: models/NAME/VERSION/. Versions are UTC timestamps, so they sort in time order.
/// A model is built in a hidden temporary folder and renamed into place when complete.
/// </summary>
public sealed class ModelStore(string root)
{
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>A new version for NAME: the UTC time, with a suffix when that second is already taken.</summary>
    public string NewVersion(string name)
    {
        var stamp = DateTime.UtcNow.ToString("yyyyMMdd'T'HHmmss'Z'");
        var version = stamp;
        for (var suffix = 2; Directory.Exists(Path.Combine(Root, name, version)); suffix++) version = $"{stamp}-{suffix}";
        return version;
    }

    public IReadOnlyList<string> Names() =>
        Directory.Exists(Root)
            ? Directory.GetDirectories(Root).Select(Path.GetFileName).OfType<string>()
                .Where(n => !n.StartsWith('.') && Versions(n).Count > 0).Order(StringComparer.Ordinal).ToArray()
            : [];

    /// <summary>Complete versions of a model, oldest first.</summary>
    public IReadOnlyList<string> Versions(string name)
    {
        var folder = Path.Combine(Root, name);
        return Directory.Exists(folder)
            ? Directory.GetDirectories(folder).Select(Path.GetFileName).OfType<string>()
                .Where(v => !v.StartsWith('.') && File.Exists(Path.Combine(folder, v, ModelFiles.Metadata)))
                .Order(StringComparer.Ordinal).ToArray()
            : [];
    }

    /// <summary>The folder of NAME@VERSION, or of the newest version of NAME; null when it does not exist.</summary>
    public string? Find(ModelReference reference)
    {
        var versions = Versions(reference.Name);
        var version = reference.Version ?? versions.LastOrDefault();
        return version is not null && versions.Contains(version) ? Path.Combine(Root, reference.Name, version) : null;
    }

    /// <summary>The newest version of any model; null when the store is empty.</summary>
    public string? FindNewest() =>
        Names().Select(name => (Name: name, Version: Versions(name)[^1]))
            .MaxBy(m => m.Version, StringComparer.Ordinal) is { Name: not null } newest
            ? Path.Combine(Root, newest.Name, newest.Version)
            : null;

    /// <summary>The folder for an optional NAME[@VERSION] text: the newest model when it is null.</summary>
    public string Resolve(string? reference)
    {
        if (reference is null)
            return FindNewest() ?? throw new InvalidOperationException($"There is no model in {Root}. Train one with '{DefaultRecipes.TrainCommand(DefaultRecipes.Images)}'.");
        var parsed = ModelReference.Parse(reference);
        return Find(parsed) ?? throw new InvalidOperationException(
            $"There is no model {parsed} in {Root}. Available: {string.Join(", ", Names().DefaultIfEmpty("none"))}.");
    }

    /// <summary>The metadata of each model's newest version, where it can be read.</summary>
    public IEnumerable<ModelMetadata> Newest() =>
        Names().Select(name => TryReadMetadata(Path.Combine(Root, name, Versions(name)[^1]))).OfType<ModelMetadata>();

    /// <returns>Null when the file is damaged or gone: one broken model must not stop the others from being listed.</returns>
    public ModelMetadata? TryReadMetadata(string modelFolder)
    {
        try
        {
            return ReadMetadata(modelFolder);
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or IOException or InvalidOperationException)
        {
            return null;
        }
    }

    public ModelMetadata ReadMetadata(string modelFolder) =>
        DigitsJson.Deserialize<ModelMetadata>(LegacyMetadata.Upgrade(File.ReadAllText(Path.Combine(modelFolder, ModelFiles.Metadata))));

    public const string StagingPrefix = ".staging-";

    /// <summary>A fresh hidden folder to build a version in; <see cref="Publish"/> makes it visible.</summary>
    public string CreateStaging(string name)
    {
        var staging = Path.Combine(Root, name, $"{StagingPrefix}{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        return staging;
    }

    public string Publish(string staging, string name, string version)
    {
        var destination = Path.Combine(Root, name, version);
        if (Directory.Exists(destination))
            throw new IOException($"Model {name}@{version} already exists.");
        Directory.Move(staging, destination);
        return destination;
    }
}
