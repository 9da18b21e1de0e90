using Digits.Core.Data;

namespace Digits.Data;

/// <summary>
/// The typefaces of Debian's font packages, for printed digits in the real-world evaluation. Each package is pinned
/// to a version (apt checks its hash against the signed archive), unpacked without root, and kept in the data cache.
/// </summary>
public sealed class FontFetcher(string dataDirectory, IPackageSource packages, Action<string>? log = null)
{
    /// <summary>The fetcher of the data cache <see cref="DataDirectory.Resolve"/> finds, getting packages with the machine's tools.</summary>
    public static FontFetcher InDataDirectory(string? explicitDirectory = null, Action<string>? log = null)
    {
        var directory = DataDirectory.Resolve(explicitDirectory);
        return new FontFetcher(directory, new PackageDownloader(directory), log);
    }

    public static IReadOnlyList<string> Packages { get; } =
    [
        "fonts-dejavu-core=2.37-6",
        "fonts-liberation2=2.1.5-1",
        "fonts-freefont-ttf=20120503-10",
        "fonts-urw-base35=20200910-7",
    ];

    private string Folder => Path.Combine(dataDirectory, "fonts");

    /// <returns>Every font file of the packages, fetching the packages not yet in the cache.</returns>
    public IReadOnlyList<string> Fetch()
    {
        foreach (var package in Packages)
        {
            var target = Path.Combine(Folder, package.Replace('=', '_'));
            if (Directory.Exists(target)) continue;
            log?.Invoke($"Fetching the typefaces of Debian package {package}...");
            var staging = Path.Combine(Folder, $".staging-{Guid.NewGuid():N}");
            Directory.CreateDirectory(staging);
            try
            {
                var root = packages.Unpack(new DatasetSource(PackageKind.Debian, package), staging);
                var kept = Path.Combine(staging, "kept");
                Directory.CreateDirectory(kept);
                foreach (var font in Directory.EnumerateFiles(root, "*.*", SearchOption.AllDirectories).Where(IsFont))
                    File.Copy(font, Path.Combine(kept, Path.GetFileName(font)), overwrite: true);
                Directory.Move(kept, target);
            }
            finally
            {
                Directory.Delete(staging, recursive: true);
            }
        }
        return Directory.EnumerateFiles(Folder, "*.*", SearchOption.AllDirectories)
            .Where(f => IsFont(f) && !Path.GetFileName(Path.GetDirectoryName(f)!).StartsWith('.'))
            .Order(StringComparer.Ordinal).ToArray();
    }

    private static bool IsFont(string path) =>
        path.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".otf", StringComparison.OrdinalIgnoreCase);
}
