using Digits.Data;
using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;

namespace Digits.Training;

/// <summary>Re-evaluates a saved model on the same held-out test set it was measured on when trained.</summary>
public static class StoredModelEvaluator
{
    public static EvaluationMetrics Evaluate(string folder, ModelMetadata metadata, DatasetFetcher fetcher)
    {
        var recipe = Recipes.Get(metadata.Name);
        using var model = recipe.CreateFor(metadata);
        model.load(Path.Combine(folder, ModelFiles.Weights));
        var data = DatasetLoader.Load(fetcher, DatasetCatalog.Get(metadata.Dataset.Name));
        using var split = DataSplit.Create(data, recipe, metadata.Seed, metadata.Hyperparameters.Limit);
        var probabilities = Inference.Probabilities(model, split.Test.Inputs);
        return Evaluation.Compute(probabilities, split.Test.Images.Labels, metadata.Labels);
    }
}
