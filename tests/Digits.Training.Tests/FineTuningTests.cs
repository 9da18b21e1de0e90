using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Data;
using Digits.Imaging.RealWorld;
using Digits.Tests.Shared;

namespace Digits.Training.Tests;

/// <summary>A small fine-tune: a briefly trained parent learns from a folder of 8x8 scans photographed on paper, mixed with MNIST.</summary>
[Collection(nameof(MnistCollection))]
public sealed class FineTuningTests(MnistFixture mnist) : IDisposable
{
    private readonly TemporaryDirectory _models = new();
    private readonly TemporaryDirectory _folder = new();
    private ModelStore Store => new(_models.Path);

    /// <summary>The user's own digits: scans written by other people, in another style, as photos in DIR/LABEL/N.png.</summary>
    private void WriteScanFolder(int count)
    {
        var scans = DatasetLoader.Load(mnist.Fetcher, DatasetCatalog.Get(DatasetCatalog.Digits8x8)).Train;
        var random = new Random(3);
        for (var i = 0; i < count; i++)
            File.WriteAllBytes(Path.Combine(Directory.CreateDirectory(Path.Combine(_folder.Path, scans.Labels[i].ToString())).FullName, $"{i}.png"),
                RealWorldSet.ScanPhoto(scans, i, random));
    }

    [Fact]
    public void A_fine_tune_publishes_a_new_version_naming_its_parent_and_data_and_measures_both_test_sets()
    {
        var run = new TrainingRun(Store, mnist.Fetcher);
        var parent = run.Run(Plans.Of(DefaultRecipes.Images, o => o with { Epochs = 1, Limit = 3000, Seed = 1 }), CancellationToken.None)!;
        WriteScanFolder(200);

        var plan = FineTuningPlan.Create(Store, Recipes.Get(DefaultRecipes.Images), DefaultRecipes.Images, _folder.Path, dataShare: 0.5,
            options => options with { Epochs = 2, Limit = 1000 }, name: null);
        var tuned = run.FineTune(plan, CancellationToken.None)!;

        var metadata = tuned.Metadata;
        var tune = metadata.FineTuning!;
        Assert.Equal(DefaultRecipes.Images, metadata.Name);
        Assert.Equal(2, Store.Versions(DefaultRecipes.Images).Count);
        Assert.Equal($"{parent.Metadata.Name}@{parent.Metadata.Version}", tune.Parent);
        Assert.Equal(_folder.Path, tune.Data);
        Assert.Equal(200, tune.DataSplit.Train + tune.DataSplit.Validation + tune.DataSplit.Test);
        Assert.InRange(tune.DataSplit.Test, 35, 45);
        Assert.Equal(1000, tune.MnistImages);
        // Half the training images come from the folder: its 120 training images 8 times over beside 1,000 MNIST images.
        Assert.Equal(tune.DataSplit.Train * 8 + 1000, metadata.Split.Train);
        Assert.Equal(parent.Metadata.Metrics.Test.Accuracy, tune.MnistTestAccuracyBefore);
        Assert.Equal(metadata.Metrics.Test.Accuracy, tune.MnistTestAccuracyAfter);
        Assert.True(tune.DataTestAccuracyAfter > tune.DataTestAccuracyBefore,
            $"the folder's test part: {tune.DataTestAccuracyBefore:P1} before, {tune.DataTestAccuracyAfter:P1} after");
        Assert.Equal(parent.Metadata.Spec.Options.LearningRate / 10, metadata.Spec.Options.LearningRate, 12);
        Assert.Contains("fine-tuned", File.ReadAllText(Path.Combine(tuned.Folder, ModelFiles.Report)));
        Assert.False(Checkpoint.For(Store, DefaultRecipes.Images).Exists);
    }

    [Fact]
    public void A_fine_tune_that_cannot_be_done_says_why()
    {
        var run = new TrainingRun(Store, mnist.Fetcher);
        run.Run(Plans.Of("mlp", o => o with { Epochs = 1, Limit = 500 }), CancellationToken.None);
        WriteScanFolder(20);
        Assert.Contains("trained by the recipe 'mlp'", Assert.Throws<InvalidTrainingOptionsException>(() =>
            FineTuningPlan.Create(Store, Recipes.Get("cnn"), "mlp", _folder.Path, 0.5, o => o, null)).Message);
        Assert.Contains("There is no model", Assert.Throws<InvalidTrainingOptionsException>(() =>
            FineTuningPlan.Create(Store, Recipes.Get("mlp"), "missing", _folder.Path, 0.5, o => o, null)).Message);
        Assert.Contains("--data-share", Assert.Throws<InvalidTrainingOptionsException>(() =>
            FineTuningPlan.Create(Store, Recipes.Get("mlp"), "mlp", _folder.Path, 1.5, o => o, null)).Message);
        Assert.Contains("no such folder", Assert.Throws<InvalidTrainingOptionsException>(() =>
            FineTuningPlan.Create(Store, Recipes.Get("mlp"), "mlp", _folder.File("absent"), 0.5, o => o, null)).Message);
    }

    public void Dispose()
    {
        _models.Dispose();
        _folder.Dispose();
    }
}
