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
        var fonts = new FontFetcher(_data.Path, packages, FontFetcher.EvaluationPackages).Fetch();
        Assert.Equal(FontFetcher.EvaluationPackages, packages.Unpacked);
        Assert.Equal(FontFetcher.EvaluationPackages.Count, fonts.Count);
        Assert.All(fonts, font => Assert.EndsWith(".ttf", font));
        Assert.Equal(fonts, new FontFetcher(_data.Path, packages, FontFetcher.EvaluationPackages).Fetch());
        Assert.Equal(FontFetcher.EvaluationPackages.Count, packages.Unpacked.Count);
        Assert.Empty(Directory.GetDirectories(Path.Combine(_data.Path, "fonts"), ".staging-*"));
    }

    [Fact]
    public void Training_typefaces_share_no_package_with_the_evaluations_and_never_come_back_with_them()
    {
        var packages = new FakePackages();
        var training = new FontFetcher(_data.Path, packages, FontFetcher.TrainingPackages).Fetch();
        var evaluation = new FontFetcher(_data.Path, packages, FontFetcher.EvaluationPackages).Fetch();

        Assert.Empty(FontFetcher.TrainingPackages.Select(Name).Intersect(FontFetcher.EvaluationPackages.Select(Name)));
        Assert.Equal(FontFetcher.TrainingPackages.Count, training.Count);
        Assert.Empty(training.Intersect(evaluation));
        Assert.Equal(FontFetcher.EvaluationPackages.Count, evaluation.Count);
    }

    private static string Name(string pinned) => pinned.Split('=')[0];

    public void Dispose() => _data.Dispose();
}
