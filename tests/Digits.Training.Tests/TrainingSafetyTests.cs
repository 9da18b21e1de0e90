using Digits.Core.Models;
using Digits.Tests.Shared;
using static TorchSharp.torch;

namespace Digits.Training.Tests;

/// <summary>Training never loses work: one run per name, no unfinished run deleted unasked, nothing left half-built.</summary>
[Collection(nameof(MnistCollection))]
public sealed class TrainingSafetyTests(MnistFixture mnist) : IDisposable
{
    private readonly TemporaryDirectory _models = new();
    private ModelStore Store => new(_models.Path);
    private static TrainingPlan Quick => Plans.Of("mlp", o => o with { Epochs = 1, Limit = 500 });

    [Fact]
    public void A_second_run_of_a_name_is_refused_naming_the_first()
    {
        using (TrainingLock.Acquire(Store, "mlp"))
        {
            var refused = Assert.Throws<InvalidTrainingOptionsException>(() => new TrainingRun(Store, mnist.Fetcher).Run(Quick, CancellationToken.None));
            Assert.Contains("being trained by another run", refused.Message);
            Assert.Contains($"process {Environment.ProcessId}", refused.Message);
        }
        Assert.NotNull(new TrainingRun(Store, mnist.Fetcher).Run(Quick, CancellationToken.None));
    }

    [Fact]
    public void An_unfinished_run_is_deleted_only_by_restart()
    {
        var checkpoint = Checkpoint.For(Store, "mlp");
        checkpoint.Start(Quick.Spec);
        using (var model = nn.Linear(2, 1)) checkpoint.SaveEpoch(model, optim.Adam(model.parameters()), null, TrainingState.Initial(0.1) with { EpochsDone = 4 }, true);

        var refused = Assert.Throws<InvalidTrainingOptionsException>(() => new TrainingRun(Store, mnist.Fetcher).Run(Quick, CancellationToken.None));
        Assert.Contains("4 epoch(s) done", refused.Message);
        Assert.Contains("--restart", refused.Message);
        Assert.True(checkpoint.HasEpochs);

        Assert.NotNull(new TrainingRun(Store, mnist.Fetcher).Restart(Quick, CancellationToken.None));
        Assert.False(checkpoint.Exists);
    }

    [Fact]
    public void What_a_killed_run_left_half_built_is_cleared_by_the_next()
    {
        var leftover = Directory.CreateDirectory(Path.Combine(_models.Path, "mlp", ModelStore.StagingPrefix + "killed")).FullName;
        File.WriteAllText(Path.Combine(leftover, "model.onnx"), "half");
        var trained = new TrainingRun(Store, mnist.Fetcher).Run(Quick, CancellationToken.None)!;
        Assert.False(Directory.Exists(leftover));
        Assert.Single(Store.Versions("mlp"));
        Assert.True(File.Exists(Path.Combine(trained.Folder, ModelFiles.Onnx)));
    }

    public void Dispose() => _models.Dispose();
}
