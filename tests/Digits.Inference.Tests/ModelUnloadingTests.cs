using Digits.Core.Models;
using Digits.Tests.Shared;

namespace Digits.Inference.Tests;

/// <summary>Versions a newer one replaced leave memory once nobody asks for them; runs in flight finish first.</summary>
public sealed class ModelUnloadingTests : IDisposable
{
    private const string Later = "29991231T000000Z";
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();

    private string Served => Directory.GetDirectories(Path.Combine(_models.Path, "cnn")).Single();

    private void PublishLaterVersion()
    {
        var source = Served;
        var later = Directory.CreateDirectory(Path.Combine(_models.Path, "cnn", Later)).FullName;
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(later, Path.GetFileName(file)));
    }

    private static ModelReference Cnn(string? version = null) => new("cnn", version);

    [Fact]
    public void A_replaced_version_nobody_asks_for_is_unloaded_and_loads_again_when_named()
    {
        using var registry = new ModelRegistry(_models.Path);
        var first = registry.Get(Cnn())!;
        var firstVersion = Path.GetFileName(first.Folder);
        PublishLaterVersion();
        registry.Refresh();
        var later = registry.Get(Cnn())!;

        Assert.Equal([first], registry.UnloadUnneeded(TimeSpan.Zero));
        Assert.Equal([later], registry.LoadedModels);
        var refused = Assert.Throws<ModelLoadException>(() => first.Run(new float[first.InputLength], 1));
        Assert.Contains("unloaded", refused.Message);

        var again = registry.Get(Cnn(firstVersion))!;
        Assert.NotSame(first, again);
        Assert.Equal(10, again.Run(new float[again.InputLength], 1).Length);
        Assert.Empty(registry.UnloadUnneeded(TimeSpan.FromHours(1)));
        Assert.DoesNotContain(later, registry.UnloadUnneeded(TimeSpan.Zero));
    }

    [Fact]
    public void The_newest_version_and_versions_without_a_replacement_stay()
    {
        using var registry = new ModelRegistry(_models.Path);
        registry.Warm();
        var loaded = registry.LoadedModels.ToArray();

        Assert.Empty(registry.UnloadUnneeded(TimeSpan.Zero));
        Assert.Equal(loaded.Select(m => m.Id).Order(), registry.LoadedModels.Select(m => m.Id).Order());
    }

    [Fact]
    public void A_version_removed_from_disk_is_unloaded()
    {
        PublishLaterVersion();
        using var registry = new ModelRegistry(_models.Path);
        var later = registry.Get(Cnn())!;
        Directory.Delete(later.Folder, recursive: true);
        registry.Refresh();

        Assert.Equal([later], registry.UnloadUnneeded(TimeSpan.FromHours(1)));
        Assert.NotSame(later, registry.Get(Cnn()));
    }

    [Fact]
    public async Task Runs_in_flight_when_a_version_is_retired_finish_and_later_ones_are_refused_clearly()
    {
        using var registry = new ModelRegistry(_models.Path);
        var model = registry.Get(Cnn())!;
        var input = new float[model.InputLength * 64];
        var answered = 0;
        using var started = new CountdownEvent(2);
        var runners = Enumerable.Range(0, 2).Select(_ => Task.Run(() =>
        {
            started.Signal();
            while (!model.IsRetired)
            {
                model.Run(input, 64);
                Interlocked.Increment(ref answered);
            }
        })).ToArray();
        started.Wait();
        while (Volatile.Read(ref answered) < 4) await Task.Delay(1);

        model.Retire();

        await Task.WhenAll(runners).WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(model.IsRetired);
        var refused = Assert.Throws<ModelLoadException>(() => model.Run(new float[model.InputLength], 1));
        Assert.Contains("unloaded", refused.Message);
    }

    [Fact]
    public async Task A_held_version_answers_after_it_is_retired_and_is_released_when_the_hold_ends()
    {
        using var registry = new ModelRegistry(_models.Path);
        await using var engine = new InferenceEngine(new EngineOptions { Workers = 1, CacheEntries = 0 });
        var model = registry.Get(Cnn())!;
        var input = new float[model.InputLength];
        var hold = model.TryHold()!;
        Assert.Equal(10, (await engine.RunAsync(model, input)).Length);

        model.Retire();
        Assert.Null(model.TryHold());
        Assert.Equal(10, (await engine.RunAsync(model, input)).Length);
        Assert.Equal(10, model.Run(input, 1).Length);

        hold.Dispose();
        Assert.Throws<ModelLoadException>(() => model.Run(input, 1));
    }

    public void Dispose() => _models.Dispose();
}
