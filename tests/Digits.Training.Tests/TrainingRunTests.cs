using System.Text.Json.Nodes;
using Digits.Core.Models;
using Digits.Tests.Shared;

namespace Digits.Training.Tests;

[Collection(nameof(MnistCollection))]
public sealed class TrainingRunTests(MnistFixture mnist) : IDisposable
{
    private readonly TemporaryDirectory _models = new();

    private TrainedModel Train(TrainingPlan plan) =>
        new TrainingRun(new ModelStore(_models.Path), mnist.Fetcher).Run(plan, CancellationToken.None) ?? throw new InvalidOperationException("cancelled");

    private TrainedModel Resume(TrainingPlan plan, bool? shiftViews = null) =>
        new TrainingRun(new ModelStore(_models.Path), mnist.Fetcher).Resume(plan.Name, shiftViews, CancellationToken.None)
        ?? throw new InvalidOperationException("cancelled");

    [Fact]
    public void A_short_cnn_run_on_4000_images_passes_90_percent_on_the_whole_test_set()
    {
        var trained = Train(Plans.Of("cnn", o => o with { Epochs = 2, Limit = 4000, Seed = 1 }));
        Assert.True(trained.Metadata.Metrics.Test.Accuracy > 0.90, $"accuracy {trained.Metadata.Metrics.Test.Accuracy:P2}");
        Assert.Equal(10_000, trained.Metadata.Split.Test);
        Assert.Equal(4000, trained.Metadata.Split.Train);
    }

    [Fact]
    public void Two_runs_with_the_same_seed_agree()
    {
        var request = Plans.Of("mlp", o => o with { Epochs = 1, Limit = 2000, Seed = 5 });
        var first = Train(request).Metadata;
        var second = Train(request).Metadata;
        Assert.Equal(first.Metrics.Test.Accuracy, second.Metrics.Test.Accuracy);
        Assert.Equal(first.Metrics.Test.Loss, second.Metrics.Test.Loss);
        Assert.Equal(first.History[0].TrainLoss, second.History[0].TrainLoss);
    }

    [Fact]
    public void The_8x8_model_trains_on_its_own_data_set()
    {
        var metadata = Train(Plans.Of("digits8x8-mlp", o => o with { Seed = 3 })).Metadata;
        Assert.True(metadata.Metrics.Test.Accuracy > 0.94, $"accuracy {metadata.Metrics.Test.Accuracy:P2}");
        Assert.Equal(359, metadata.Split.Test);
    }

    [Fact]
    public void A_model_folder_holds_every_artifact_and_metadata_has_every_field()
    {
        var trained = Train(Plans.Of("digits8x8-mlp", o => o with { Epochs = 2, Seed = 3 }));

        var files = Directory.GetFiles(trained.Folder).Select(Path.GetFileName).OfType<string>().ToHashSet();
        string[] expected = [ModelFiles.Metadata, ModelFiles.Labels, ModelFiles.Weights, ModelFiles.Report,
            "accuracy.png", "loss.png", "confusion_matrix.png", "misclassified.png", "reliability.png"];
        Assert.Superset(expected.ToHashSet(), files);
        Assert.Empty(Directory.GetDirectories(Path.GetDirectoryName(trained.Folder)!, ".*"));

        var metadata = JsonNode.Parse(File.ReadAllText(Path.Combine(trained.Folder, ModelFiles.Metadata)))!.AsObject();
        foreach (var field in new[] { "name", "version", "spec", "architecture", "parameters", "split", "epochs_run", "train_seconds", "history", "metrics", "files" })
            Assert.True(metadata.ContainsKey(field), $"metadata.json lacks '{field}'");
        var spec = metadata["spec"]!.AsObject();
        Assert.Equal(["recipe", "options", "dataset", "task", "input", "labels"], spec.Select(p => p.Key));
        Assert.Equal("digits8x8-mlp", (string?)spec["recipe"]);
        Assert.Equal("digits", (string?)spec["task"]);
        Assert.Equal(2, (int)spec["options"]!["epochs"]!);
        Assert.Equal("stratified_holdout_as_test", (string?)spec["options"]!["split"]);
        Assert.Equal(["name", "files"], spec["dataset"]!.AsObject().Select(p => p.Key));
        Assert.Equal(["train", "validation", "test"], metadata["split"]!.AsObject().Select(p => p.Key).Take(3));
        Assert.Equal(["epoch", "train_loss", "train_accuracy", "val_loss", "val_accuracy", "seconds"],
            metadata["history"]![0]!.AsObject().Select(p => p.Key).Take(6));
        var test = metadata["metrics"]!["test"]!.AsObject();
        Assert.Equal(["accuracy", "loss", "ece", "per_class", "macro", "weighted", "confusion_matrix", "reliability"], test.Select(p => p.Key));
        // The test set's answers per confidence bin: what live answers are compared with for drift.
        Assert.Equal((int)metadata["split"]!["test"]!, test["reliability"]!.AsArray().Sum(bin => (int)bin!["count"]!));
        Assert.Equal(["label", "precision", "recall", "f1", "support"], test["per_class"]![0]!.AsObject().Select(p => p.Key));
        Assert.Equal(10, test["confusion_matrix"]!.AsArray().Count);

        var checksums = metadata["files"]!.AsObject();
        Assert.Contains(ModelFiles.Weights, checksums.Select(p => p.Key));
        foreach (var (file, sha) in checksums)
            Assert.Equal(Core.Data.FileHashes.Sha256(Path.Combine(trained.Folder, file)), sha!.GetValue<string>());
    }

    [Fact]
    public void A_cancelled_run_keeps_its_checkpoint_and_resumes_to_the_same_result()
    {
        var request = Plans.Of("digits8x8-mlp", o => o with { Epochs = 4, Seed = 9 });
        var uninterrupted = Train(request).Metadata;

        var store = new ModelStore(_models.Path);
        var run = new TrainingRun(store, mnist.Fetcher);
        using var stop = new CancellationTokenSource();
        run.EpochCompleted += (record, _) => { if (record.Epoch == 2) stop.Cancel(); };
        Assert.Null(run.Run(request, stop.Token));
        Assert.True(Checkpoint.For(store, "digits8x8-mlp").Exists);

        var resumed = Resume(request).Metadata;
        Assert.Equal(4, resumed.EpochsRun);
        Assert.Equal(uninterrupted.Metrics.Test.Accuracy, resumed.Metrics.Test.Accuracy);
        Assert.Equal(uninterrupted.History[^1].TrainLoss, resumed.History[^1].TrainLoss, 6);
        Assert.False(Checkpoint.For(store, "digits8x8-mlp").Exists);
    }

    [Fact]
    public void A_one_cycle_run_with_weight_averaging_and_distortion_resumes_to_the_same_result()
    {
        var request = Plans.Of("champion-quick", o => o with { Epochs = 3, Limit = 1000, Seed = 4, Elastic = true });
        var uninterrupted = Train(request).Metadata;

        var run = new TrainingRun(new ModelStore(_models.Path), mnist.Fetcher);
        using var stop = new CancellationTokenSource();
        run.EpochCompleted += (record, _) => { if (record.Epoch == 1) stop.Cancel(); };
        Assert.Null(run.Run(request, stop.Token));

        var resumed = Resume(request).Metadata;
        Assert.Equal(uninterrupted.History.Select(h => h.LearningRate), resumed.History.Select(h => h.LearningRate));
        Assert.Equal(uninterrupted.History[^1].ValLoss, resumed.History[^1].ValLoss, 6);
        Assert.Equal(uninterrupted.Metrics.Test.Loss, resumed.Metrics.Test.Loss, 6);
        Assert.Equal(0.99, resumed.Spec.Options.WeightAveraging);
        Assert.True(resumed.Spec.Options.Elastic);
    }

    [Fact]
    public void An_ensemble_run_trains_each_member_with_its_own_seed_and_validation_images_and_publishes_one_model()
    {
        var run = new TrainingRun(new ModelStore(_models.Path), mnist.Fetcher);
        var messages = new List<string>();
        run.Message += messages.Add;
        var published = run.Run(Plans.Of("champion-quick", o => o with { Epochs = 1, Limit = 2000, BatchSize = 32, Seed = 6, Ensemble = 3 }), CancellationToken.None)!;
        var trained = published.Metadata;

        var ensemble = Assert.IsType<EnsembleSummary>(trained.Ensemble);
        Assert.Equal(3, ensemble.Members);
        Assert.Equal([6, 7, 8], ensemble.Seeds);
        Assert.Equal(3, ensemble.MemberTestAccuracy.Distinct().Count());
        Assert.All(ensemble.MemberTestAccuracy, accuracy => Assert.True(accuracy > 0.5, $"member accuracy {accuracy:P2}"));
        Assert.True(trained.Metrics.Test.Accuracy > ensemble.MemberTestAccuracy.Min(), "the average should beat the worst member");
        // Each member's seconds and the total are rounded to 0.01 s separately.
        Assert.Equal(ensemble.MemberTrainSeconds.Sum(), trained.TrainSeconds, tolerance: 0.02);
        Assert.Equal(3 * Train(Plans.Of("champion-quick", o => o with { Epochs = 1, Limit = 10, Seed = 6 })).Metadata.Parameters, trained.Parameters);
        Assert.Contains("ensemble of 3", trained.Architecture);
        Assert.Contains(messages, m => m.StartsWith("Ensemble member 1 of 3 (seed 6; last training images validate"));
        Assert.Contains(messages, m => m.StartsWith("Ensemble member 2 of 3 (seed 7; training images 40,000 to 49,999 validate"));
        Assert.Contains(messages, m => m.StartsWith("Ensemble member 3 of 3 (seed 8; training images 30,000 to 39,999 validate"));
        Assert.StartsWith("each member validates on its own block", trained.Split.Method);
        Assert.Null(trained.Temperature);
        Assert.Equal(3, ensemble.MemberTemperatures!.Distinct().Count());
        Assert.Contains("Each member divides its log-probabilities by its own temperature", File.ReadAllText(Path.Combine(published.Folder, ModelFiles.Report)));
    }

    [Fact]
    public void An_interrupted_ensemble_keeps_its_finished_members_and_resumes_to_the_same_result()
    {
        var request = Plans.Of("champion-quick", o => o with { Epochs = 2, Limit = 1000, BatchSize = 50, Seed = 11, Ensemble = 2 });
        var uninterrupted = Train(request).Metadata;

        var store = new ModelStore(_models.Path);
        var run = new TrainingRun(store, mnist.Fetcher);
        using var stop = new CancellationTokenSource();
        var epochsSeen = 0;
        run.EpochCompleted += (_, _) => { if (++epochsSeen == 3) stop.Cancel(); };
        Assert.Null(run.Run(request, stop.Token));
        var checkpoint = Checkpoint.For(store, "champion-quick");
        Assert.True(checkpoint.Exists);
        Assert.True(checkpoint.Member(1).HasEpochs);
        Assert.Equal(["finished.bin", "finished.json"], Directory.GetFiles(checkpoint.Member(0).Directory).Select(Path.GetFileName).Order());

        var resumedRun = new TrainingRun(store, mnist.Fetcher);
        var messages = new List<string>();
        var epochsTrained = 0;
        resumedRun.Message += messages.Add;
        resumedRun.EpochCompleted += (_, _) => epochsTrained++;
        var resumed = resumedRun.Resume(request.Name, shiftViews: null, CancellationToken.None)!.Metadata;

        Assert.Equal(1, epochsTrained);
        Assert.Contains(messages, m => m.StartsWith("Kept from the interrupted run: 2 epochs"));
        Assert.Equal(uninterrupted.Ensemble!.MemberTestAccuracy, resumed.Ensemble!.MemberTestAccuracy);
        Assert.Equal(uninterrupted.Ensemble.MemberTemperatures!, resumed.Ensemble.MemberTemperatures!, (a, b) => Math.Abs(a - b) < 1e-6);
        Assert.Equal(uninterrupted.Metrics.Test.Loss, resumed.Metrics.Test.Loss, 6);
        Assert.False(checkpoint.Exists);
    }

    [Fact]
    public void A_run_resumed_with_shift_views_publishes_them_with_its_accuracy_on_the_images_alone()
    {
        var request = Plans.Of("champion-quick", o => o with { Epochs = 2, Limit = 1000, BatchSize = 50, Seed = 12 });
        var plain = Train(request).Metadata;
        Assert.Null(plain.ShiftViews);

        var store = new ModelStore(_models.Path);
        var run = new TrainingRun(store, mnist.Fetcher);
        using var stop = new CancellationTokenSource();
        run.EpochCompleted += (_, _) => stop.Cancel();
        Assert.Null(run.Run(request, stop.Token));
        var resumed = Resume(request, shiftViews: true);

        var views = Assert.IsType<ShiftViewsSummary>(resumed.Metadata.ShiftViews);
        Assert.Equal(5, views.Views);
        Assert.Equal(plain.Metrics.Test.Accuracy, views.AccuracyWithoutViews);
        Assert.NotEqual(plain.Metrics.Test.Loss, resumed.Metadata.Metrics.Test.Loss);
        Assert.Equal(plain.Parameters, resumed.Metadata.Parameters);
        Assert.Contains("| shift views | answers averaged over 5 views", File.ReadAllText(Path.Combine(resumed.Folder, ModelFiles.Report)));
        var evaluated = StoredModelEvaluator.Evaluate(resumed.Folder, resumed.Metadata, mnist.Fetcher);
        Assert.Equal(resumed.Metadata.Metrics.Test.Accuracy, evaluated.Accuracy);
        Assert.Equal(resumed.Metadata.Metrics.Test.Loss, evaluated.Loss, 6);
    }

    [Fact]
    public void Options_that_cannot_train_are_refused_in_the_library_own_words()
    {
        Assert.Contains("epochs", Assert.Throws<InvalidTrainingOptionsException>(() => Plans.Of("mlp", o => o with { Epochs = 0 })).Message);
        Assert.Contains("ensemble", Assert.Throws<InvalidTrainingOptionsException>(() => Plans.Of("mlp", o => o with { Ensemble = 0 })).Message);
        Assert.Contains("28x28", Assert.Throws<InvalidTrainingOptionsException>(() => Plans.Of("digits8x8-mlp", o => o with { ShiftViews = true })).Message);
        Assert.Throws<InvalidTrainingOptionsException>(() => Plans.Of("digits8x8-mlp", dataset: "mnist"));
        Assert.Throws<InvalidTrainingOptionsException>(() => Plans.Of("cnn", name: "../escape"));
    }

    [Fact]
    public void A_resumed_run_continues_the_interrupted_plan_not_a_new_one()
    {
        var run = new TrainingRun(new ModelStore(_models.Path), mnist.Fetcher);
        Assert.Throws<InvalidTrainingOptionsException>(() => run.Resume("cnn", shiftViews: null, CancellationToken.None));
    }

    public void Dispose() => _models.Dispose();
}
