using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Data;

namespace Digits.Training;

/// <summary>Re-evaluates a saved model on the same held-out test set it was measured on when trained.</summary>
public static class StoredModelEvaluator
{
    public static EvaluationMetrics Evaluate(string folder, ModelMetadata metadata, DatasetFetcher fetcher)
    {
        using var model = StoredModel.Load(folder, metadata);
        using var split = StoredModel.Split(metadata, fetcher);
        return Evaluation.Compute(Inference.Probabilities(model, split.Test.Inputs), split.Test.Images.Labels, metadata.Labels);
    }
}
