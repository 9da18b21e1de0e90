using Digits.Data;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Inference;
using Digits.Training;

namespace Digits.Tests.Shared;

/// <summary>
/// Small real models for the inference and server tests: a cnn trained on 20,000 MNIST images for two epochs
/// (about 98 %) and the 8x8 model. They are trained once per build of the training code and kept in the data
/// cache, so several test projects share them; a rebuild of Digits.Training trains them afresh.
/// </summary>
public static class TrainedModels
{
    private static readonly Lazy<string> Folder = new(TrainOnce);

    /// <summary>A models folder holding cnn and digits8x8-mlp, one version each.</summary>
    public static string ModelsDirectory => Folder.Value;

    public static DatasetFetcher Fetcher { get; } = DatasetFetcher.InDataDirectory();

    /// <summary>The cnn, in its own ONNX Runtime session: dispose it.</summary>
    public static OnnxModel LoadCnn()
    {
        var store = new ModelStore(ModelsDirectory);
        var folder = store.Resolve("cnn");
        return OnnxModel.Load(folder, store.ReadMetadata(folder));
    }

    private static string TrainOnce()
    {
        var build = typeof(TrainingRun).Assembly.ManifestModule.ModuleVersionId.ToString("N")[..12];
        var root = Path.Combine(DataDirectory.Resolve(null), "test-models", build);
        using var mutex = new Mutex(false, "digits-test-models");
        mutex.WaitOne();
        try
        {
            var store = new ModelStore(root);
            Fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Mnist));
            Fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Digits8x8));
            if (store.Find(new ModelReference("cnn", null)) is null)
                new TrainingRun(store, Fetcher).Run(Plans.Of("cnn", o => o with { Epochs = 2, Limit = 20_000, Seed = 1 }), CancellationToken.None);
            if (store.Find(new ModelReference("digits8x8-mlp", null)) is null)
                new TrainingRun(store, Fetcher).Run(Plans.Of("digits8x8-mlp", o => o with { Seed = 1 }), CancellationToken.None);
            return root;
        }
        finally
        {
            mutex.ReleaseMutex();
        }
    }

    /// <summary>A private copy of the models folder, for tests that add or remove versions.</summary>
    public static TemporaryDirectory CopyTo()
    {
        var copy = new TemporaryDirectory();
        foreach (var file in Directory.GetFiles(ModelsDirectory, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(copy.Path, Path.GetRelativePath(ModelsDirectory, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
        return copy;
    }
}
