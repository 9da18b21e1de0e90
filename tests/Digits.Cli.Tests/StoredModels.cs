using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;

namespace Digits.Cli.Tests;

/// <summary>Model folders holding only metadata.json: enough for the decisions that read a model's spec.</summary>
public static class StoredModels
{
    public static void Add(string root, string name, string dataset, double accuracy = 0.99, string version = "20260101T000000Z")
    {
        var info = DatasetCatalog.Get(dataset);
        var labels = info.Labels;
        var correct = (int)Math.Round(accuracy * 100);
        var truth = Enumerable.Range(0, 100).Select(i => (byte)(i % labels.Count)).ToArray();
        var probabilities = truth.SelectMany((label, i) => Enumerable.Range(0, labels.Count)
            .Select(c => c == (i < correct ? label : (label + 1) % labels.Count) ? 1f : 0f)).ToArray();
        var metadata = new ModelMetadata
        {
            Name = name,
            Version = version,
            Spec = new ModelSpec("cnn", new TrainingOptions { Split = SplitMethod.LastTenThousand, Epochs = 1, BatchSize = 1, LearningRate = 1 },
                info.Reference, info.Task, info.Input, labels),
            Architecture = "test",
            Parameters = 1,
            Split = new SplitSizes(1, 1, 100, "test"),
            EpochsRun = 1,
            TrainSeconds = 1,
            History = [],
            Metrics = new MetricsSet(Evaluation.Compute(probabilities, truth, labels)),
            CreatedUtc = DateTimeOffset.UnixEpoch,
        };
        var folder = Path.Combine(root, name, version);
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, ModelFiles.Metadata), DigitsJson.Serialize(metadata));
    }
}
