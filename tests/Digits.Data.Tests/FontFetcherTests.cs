using Digits.Core.Data;
using Digits.Data;
using Digits.Tests.Shared;

namespace Digits.Data.Tests;

public sealed class FontFetcherTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();

    /// <summary>Stands in for apt: each package holds one typeface and a file that is not one.</summary>
    private sealed class FakePackages : IPackageSource
    {
        public List<string> Unpacked { get; } = [];

        public string Unpack(DatasetSource source, string stagingDirectory)
        {
            Unpacked.Add(source.Package);
            var fonts = Directory.CreateDirectory(Path.Combine(stagingDirectory, "root", "usr", "share", "fonts")).FullName;
            File.WriteAllText(Path.Combine(fonts, $"{source.Package.Split('=')[0]}.ttf"), "a typeface");
            File.WriteAllText(Path.Combine(fonts, "README"), "not a typeface");
            return Path.Combine(stagingDirectory, "root");
        }
    }

    [Fact]
    public void Fetches_each_pinned_package_once_and_keeps_only_its_typefaces()
    {
        var packages = new FakePackages();
        var fonts = new FontFetcher(_data.Path, packages).Fetch();
        Assert.Equal(FontFetcher.Packages, packages.Unpacked);
        Assert.Equal(FontFetcher.Packages.Count, fonts.Count);
        Assert.All(fonts, font => Assert.EndsWith(".ttf", font));
        Assert.Equal(fonts, new FontFetcher(_data.Path, packages).Fetch());
        Assert.Equal(FontFetcher.Packages.Count, packages.Unpacked.Count);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_data.Path, "fonts"), ".staging-*"));
    }

    public void Dispose() => _data.Dispose();
}
