using Digits.Core.Models;

namespace Digits.Core.Tests.Models;

public sealed class LegacyMetadataTests
{
    /// <summary>The metadata.json of a champion-quick model published before models carried a spec (fields as written then).</summary>
    private const string Old = """
        {
          "name": "champion-quick", "version": "20261201T101010Z", "architecture": "our small CNN", "parameters": 98682,
          "hyperparameters": { "optimizer": "adamw", "learning_rate": 0.01, "batch_size": 128, "max_epochs": 3, "augment": false,
            "schedule": "one cycle (peak 0.01, per batch)", "label_smoothing": 0.1, "weight_decay": 0.0001, "weight_averaging": 0.99 },
          "seed": 42, "dataset": { "name": "mnist", "files": { "t10k-images-idx3-ubyte": "0fa7" } },
          "split": { "train": 50000, "validation": 10000, "test": 10000, "method": "last training images validate; test set held out" },
          "epochs_run": 3, "train_seconds": 31.5,
          "history": [ { "epoch": 1, "train_loss": NaN, "train_accuracy": 0.9, "val_loss": 0.1, "val_accuracy": 0.98, "seconds": 10, "learning_rate": 0.01 } ],
          "metrics": { "test": { "accuracy": 0.994, "loss": 0.02, "ece": 0.003, "per_class": [], "macro": { "precision": 1, "recall": 1, "f1": 1 },
            "weighted": { "precision": 1, "recall": 1, "f1": 1 }, "confusion_matrix": [] } },
          "labels": ["0","1","2","3","4","5","6","7","8","9"],
          "input": { "shape": [1, 28, 28], "min_value": 0, "max_value": 1, "description": "float32 N x 1 x 28 x 28 in [0,1], white ink on black" },
          "created_utc": "2026-12-01T10:10:10+00:00", "temperature": 1.4
        }
        """;

    [Fact]
    public void Metadata_written_before_specs_reads_as_a_spec_naming_its_recipe_and_options()
    {
        var metadata = DigitsJson.Deserialize<ModelMetadata>(LegacyMetadata.Upgrade(Old.Replace("NaN", "\"NaN\"")));
        var spec = metadata.Spec;
        Assert.Equal("champion-quick", spec.Recipe);
        Assert.True(spec.ReadsDigitImages);
        Assert.Equal("mnist", spec.Dataset.Name);
        Assert.Equal(10, spec.Labels.Count);
        Assert.Equal(new TrainingOptions
        {
            Split = SplitMethod.LastTenThousand, Epochs = 3, BatchSize = 128, LearningRate = 0.01, Seed = 42, Optimizer = OptimizerKind.AdamW,
            Schedule = LearningRateSchedule.OneCycle, WeightDecay = 1e-4, LabelSmoothing = 0.1, WeightAveraging = 0.99,
        }, spec.Options);
        Assert.True(double.IsNaN(metadata.History[0].TrainLoss));
        Assert.Equal(1.4, metadata.Temperature);
    }

    [Fact]
    public void A_clothing_classifier_of_old_is_not_a_digit_model()
    {
        var metadata = DigitsJson.Deserialize<ModelMetadata>(LegacyMetadata.Upgrade(Old.Replace("NaN", "0.1").Replace("\"name\": \"mnist\"", "\"name\": \"fashion-mnist\"")));
        Assert.Equal(RecognitionTask.Clothing, metadata.Spec.Task);
        Assert.False(metadata.Spec.ReadsDigitImages);
    }

    [Fact]
    public void Current_metadata_passes_through_unchanged()
    {
        const string current = """{"name":"x","spec":{}}""";
        Assert.Same(current, LegacyMetadata.Upgrade(current));
    }
}
