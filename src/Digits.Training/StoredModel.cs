using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Data;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>A published model rebuilt from its spec: its network with the saved weights, and the data split it was measured on.</summary>
public static class StoredModel
{
    public static nn.Module<Tensor, Tensor> Load(string folder, ModelMetadata metadata)
    {
        var model = Recipes.Get(metadata.Spec.Recipe).CreateFor(metadata);
        model.load(Path.Combine(folder, ModelFiles.Weights));
        model.eval();
        return model;
    }

    /// <summary>The same train, validation and test sets the model had when it was trained (its test set is what it is judged on).</summary>
    public static DataSplit Split(ModelMetadata metadata, DatasetFetcher fetcher) =>
        DataSplit.Create(DatasetLoader.Load(fetcher, DatasetCatalog.Get(metadata.Spec.Dataset.Name)), metadata.Spec.Options);
}
