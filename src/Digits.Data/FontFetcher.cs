using Digits.Core.Data;

namespace Digits.Data;

/// <summary>
/// The typefaces of Debian's font packages, for printed digits: one set of packages prints the real-world
/// evaluation's digits and numbers, another, with no typeface in common or derived from one of the first, prints
/// training digits. Each package is pinned to a version (apt checks its hash against the signed archive), unpacked
/// without root, and kept in the data cache.
/// </summary>
public sealed class FontFetcher(string dataDirectory, IPackageSource packages, IReadOnlyList<string> fontPackages, Action<string>? log = null)
{
    /// <summary>The fetcher of the data cache <see cref="DataDirectory.Resolve"/> finds, getting packages with the machine's tools.</summary>
    public static FontFetcher InDataDirectory(IReadOnlyList<string> fontPackages, string? explicitDirectory = null, Action<string>? log = null)
    {
        var directory = DataDirectory.Resolve(explicitDirectory);
        return new FontFetcher(directory, new PackageDownloader(directory), fontPackages, log);
    }

    public static IReadOnlyList<string> EvaluationPackages { get; } =
    [
        "fonts-dejavu-core=2.37-6",
        "fonts-liberation2=2.1.5-1",
        "fonts-freefont-ttf=20120503-10",
        "fonts-urw-base35=20200910-7",
    ];

    /// <summary>Sans, serif, monospaced, typewriter and rounded designs of their own (none from DejaVu, Liberation, FreeFont or URW).</summary>
    public static IReadOnlyList<string> TrainingPackages { get; } =
    [
        "fonts-go=0~20170330-1",
        "fonts-roboto-unhinted=2:0~20170802-3",
        "fonts-open-sans=1.11-2",
        "fonts-lato=2.0-2.1",
        "fonts-noto-mono=20201225-1",
        "fonts-cantarell=0.303.1-1",
        "fonts-inconsolata=001.010-6",
        "fonts-linuxlibertine=5.3.0-6",
        "fonts-comic-neue=2.51-4",
        "fonts-jetbrains-mono=2.242+ds-3",
        "fonts-courier-prime=0+git20190115-3",
        "fonts-crosextra-carlito=20220224-1",
        "fonts-anonymous-pro=1.003-4",
        "fonts-quicksand=0.2016-2.1",
    ];

    private string Folder => Path.Combine(dataDirectory, "fonts");

    private string FolderOf(string package) => Path.Combine(Folder, package.Replace('=', '_').Replace(':', '_'));

    /// <returns>Every font file of the packages, fetching the packages not yet in the cache.</returns>
    public IReadOnlyList<string> Fetch()
    {
        foreach (var package in fontPackages)
        {
            var target = FolderOf(package);
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
        return fontPackages.SelectMany(package => Directory.EnumerateFiles(FolderOf(package), "*.*", SearchOption.AllDirectories))
            .Where(IsFont).Order(StringComparer.Ordinal).ToArray();
    }

    private static bool IsFont(string path) =>
        path.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".otf", StringComparison.OrdinalIgnoreCase);
}
