using Digits.Core.Data;
using Digits.Tests.Shared;

namespace Digits.Data.Tests;

[CollectionDefinition(nameof(FreshMachineCollection), DisableParallelization = true)]
public sealed class FreshMachineCollection;

/// <summary>Fetches a real Debian package as a machine that never ran `apt-get update` would.</summary>
[Collection(nameof(FreshMachineCollection))]
public sealed class FreshMachineTests : IDisposable
{
    private readonly TemporaryDirectory _data = new();
    private readonly TemporaryDirectory _emptySystemState = new();
    private readonly string? _aptConfig = Environment.GetEnvironmentVariable("APT_CONFIG");

    public FreshMachineTests()
    {
        var lists = Directory.CreateDirectory(Path.Combine(_emptySystemState.Path, "lists", "partial")).Parent!.FullName;
        var config = _emptySystemState.File("apt.conf");
        File.WriteAllText(config, $"Dir::State::Lists \"{lists}\";\n");
        Environment.SetEnvironmentVariable("APT_CONFIG", config);
    }

    public void Dispose()
    {
        Environment.SetEnvironmentVariable("APT_CONFIG", _aptConfig);
        _data.Dispose();
        _emptySystemState.Dispose();
    }

    [Fact]
    public void A_debian_data_set_is_fetched_without_the_systems_package_lists()
    {
        var digits8x8 = DatasetCatalog.Get(DatasetCatalog.Digits8x8);
        var messages = new List<string>();
        var fetcher = DatasetFetcher.InDataDirectory(_data.Path, messages.Add);

        fetcher.Fetch(digits8x8);

        Assert.True(fetcher.IsComplete(digits8x8));
        Assert.NotEmpty(Directory.GetFiles(Path.Combine(_data.Path, "apt", "lists"), "*Packages*"));
        Assert.Empty(Directory.GetDirectories(_data.Path, ".staging-*"));
    }
}
