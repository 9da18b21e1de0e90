using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training;

public sealed record TrainedModel(string Folder, ModelMetadata Metadata);

/// <summary>
/// Turns trained members into a published model: one network, or an ensemble averaging their probabilities, with
/// shift views when asked; evaluates it on the held-out test set, writes every artifact into a hidden folder and
/// renames it into models/NAME/VERSION.
/// </summary>
public sealed class ModelPublisher(ModelStore store)
{
    public static long ParameterCount(nn.Module<Tensor, Tensor> model) => model.parameters().Sum(p => p.numel());

    /// <param name="complete">Adds to the metadata what only the caller knows, given the model as it is published.</param>
    public TrainedModel Publish(TrainingPlan plan, TrainedMembers trained, Func<nn.Module<Tensor, Tensor>, ModelMetadata, ModelMetadata>? complete = null)
    {
        var (model, state, temperature, ensemble, sizes) = plan.IsEnsemble
            ? Ensembled(plan, trained)
            : (trained.Members[0].Model, trained.Members[0].State, trained.Members[0].Temperature, null, trained.Split.Sizes);
        var test = trained.Split.Test;
        var labels = plan.Dataset.Labels;
        ShiftViewsSummary? views = null;
        if (plan.Options.ShiftViews)
        {
            var alone = Evaluation.Compute(Inference.Probabilities(model, test.Inputs), test.Images.Labels, labels);
            views = new ShiftViewsSummary(ShiftViews.Count, alone.Accuracy);
            model = new ShiftViews(model);
        }
        var probabilities = Inference.Probabilities(model, test.Inputs);
        var review = Review(model, trained.Split, probabilities, labels.Count);
        var version = store.NewVersion(plan.Name);
        var staging = store.CreateStaging(plan.Name);
        try
        {
            var architecture = ensemble is null ? plan.Recipe.Description : $"ensemble of {ensemble.Members} ({plan.Recipe.Description}), probabilities averaged";
            var metadata = new ModelMetadata
            {
                Name = plan.Name,
                Version = version,
                Spec = plan.Spec,
                Architecture = views is null ? architecture : $"{architecture}; each image also seen shifted by one pixel left, right, up and down, probabilities averaged over the {views.Views} views",
                Parameters = ParameterCount(model),
                Split = sizes,
                EpochsRun = state.EpochsDone,
                TrainSeconds = Math.Round(state.Seconds, 2),
                History = state.History,
                Metrics = new MetricsSet(Evaluation.Compute(probabilities, test.Images.Labels, labels)),
                CreatedUtc = DateTimeOffset.UtcNow,
                Ensemble = ensemble,
                Temperature = temperature,
                ShiftViews = views,
                Review = review,
            };
            if (complete is not null) metadata = complete(model, metadata);
            ArtifactWriter.Write(staging, model, metadata, test.Images, probabilities);
            var folder = store.Publish(staging, plan.Name, version);
            return new TrainedModel(folder, store.ReadMetadata(folder));
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }

    /// <summary>
    /// Fits the review threshold on the validation images (an ensemble's are those of its last member, which the
    /// other members trained on: its threshold errs on the side of flagging less) and measures it on the test set.
    /// </summary>
    private static ReviewSummary Review(nn.Module<Tensor, Tensor> model, DataSplit split, float[] testProbabilities, int classes)
    {
        var validation = Inference.Probabilities(model, split.Validation.Inputs);
        var threshold = ReviewThreshold.Fit(validation, split.Validation.Images.Labels, classes);
        var (validationFlagged, _) = ReviewThreshold.Measure(validation, split.Validation.Images.Labels, classes, threshold);
        var (testFlagged, unflagged) = ReviewThreshold.Measure(testProbabilities, split.Test.Images.Labels, classes, threshold);
        return new ReviewSummary(threshold, ReviewThreshold.TargetPrecision, validationFlagged, testFlagged, unflagged);
    }

    /// <summary>Each member was calibrated on its own validation images, so the average of their probabilities needs no temperature of its own.</summary>
    private static (nn.Module<Tensor, Tensor> Model, TrainingState State, double? Temperature, EnsembleSummary Summary, SplitSizes Sizes) Ensembled(
        TrainingPlan plan, TrainedMembers trained)
    {
        var members = trained.Members;
        var test = trained.Split.Test;
        var accuracies = members
            .Select(m => Evaluation.Compute(Inference.Probabilities(m.Model, test.Inputs), test.Images.Labels, plan.Dataset.Labels).Accuracy)
            .ToArray();
        var temperatures = members.All(m => m.Temperature is not null) ? members.Select(m => m.Temperature!.Value).ToArray() : null;
        var summary = new EnsembleSummary(members.Count, members.Select(m => m.Seed).ToArray(), accuracies,
            members.Select(m => Math.Round(m.State.Seconds, 2)).ToArray(), temperatures);
        var state = members[0].State with { Seconds = members.Sum(m => m.State.Seconds) };
        var sizes = plan.Options.Split == SplitMethod.LastTenThousand
            ? trained.Split.Sizes with { Method = "each member validates on its own block of training images (the first on the last ones, the next on those before), so together they learn from all; test set held out" }
            : trained.Split.Sizes;
        return (new Ensemble(members.Select(m => m.Model).ToArray()), state, null, summary, sizes);
    }
}
