using Digits.Tests.Shared;
using Digits.Core.Models;

namespace Digits.Core.Tests.Models;

public sealed class ModelStoreTests : IDisposable
{
    private readonly TemporaryDirectory _root = new();

    private void AddVersion(string name, string version)
    {
        var folder = Directory.CreateDirectory(Path.Combine(_root.Path, name, version)).FullName;
        File.WriteAllText(Path.Combine(folder, ModelFiles.Metadata), "{}");
    }

    [Fact]
    public void The_newest_version_wins_and_staging_folders_are_invisible()
    {
        AddVersion("cnn", "20260101T000000Z");
        AddVersion("cnn", "20260102T000000Z");
        Directory.CreateDirectory(Path.Combine(_root.Path, "cnn", ".staging-123"));
        Directory.CreateDirectory(Path.Combine(_root.Path, "cnn", "20260103T000000Z"));
        var store = new ModelStore(_root.Path);

        Assert.Equal(["20260101T000000Z", "20260102T000000Z"], store.Versions("cnn"));
        Assert.EndsWith("20260102T000000Z", store.Find(new ModelReference("cnn", null)));
        Assert.EndsWith("20260101T000000Z", store.Find(new ModelReference("cnn", "20260101T000000Z")));
        Assert.Null(store.Find(new ModelReference("cnn", "20260103T000000Z")));
        Assert.Null(store.Find(new ModelReference("mlp", null)));
    }

    [Fact]
    public void Publishing_renames_a_complete_staging_folder_into_place()
    {
        var store = new ModelStore(_root.Path);
        var staging = store.CreateStaging("mlp");
        File.WriteAllText(Path.Combine(staging, ModelFiles.Metadata), "{}");
        var version = store.NewVersion("mlp");

        var folder = store.Publish(staging, "mlp", version);

        Assert.False(Directory.Exists(staging));
        Assert.Equal([version], store.Versions("mlp"));
        Assert.NotEqual(version, store.NewVersion("mlp"));
        Assert.Equal(folder, store.Resolve(null));
    }

    [Fact]
    public void Resolving_an_unknown_model_lists_the_available_ones()
    {
        AddVersion("cnn", "20260101T000000Z");
        var error = Assert.Throws<InvalidOperationException>(() => new ModelStore(_root.Path).Resolve("mlp"));
        Assert.Contains("Available: cnn", error.Message);
    }

    public void Dispose() => _root.Dispose();
}
