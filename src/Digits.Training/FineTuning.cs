using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Data;
using Digits.Imaging;
using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>
/// A fine-tuning run as planned: a published model (the parent) goes on learning from a folder of labelled images
/// (DIR/LABEL/*.png, the user's own digits), mixed with MNIST training images so that MNIST is not forgotten, and is
/// published as a new version naming its parent and its data.
/// </summary>
/// <param name="DataShare">The share of each epoch's images that come from the folder (repeated as needed); the rest are MNIST.</param>
public sealed record FineTuningPlan(TrainingPlan Training, string ParentFolder, ModelMetadata Parent, string DataFolder, double DataShare)
{
    public const double DefaultDataShare = 0.5;
    /// <summary>MNIST training images mixed in (fewer with --limit).</summary>
    public const int MnistImages = 10_000;
    public const int MnistValidationImages = 2_000;
    /// <summary>Of the folder: 60 % trains, 20 % validates, 20 % tests, stratified by class.</summary>
    public const double DataHoldout = 0.4;
    private const int DefaultEpochs = 3;
    /// <summary>A fine-tune starts from good weights: a tenth of the parent's learning rate moves them without undoing them.</summary>
    private const double LearningRateFactor = 0.1;

    /// <summary>The options a fine-tune starts from, before the user's flags: the parent's, gentler and shorter.</summary>
    public static TrainingOptions BaseOptions(ModelMetadata parent) =>
        parent.Spec.Options with { Epochs = DefaultEpochs, LearningRate = parent.Spec.Options.LearningRate * LearningRateFactor, Limit = null, Ensemble = 1 };

    /// <param name="recipe">The recipe the user named; it must be the one the parent was trained with.</param>
    /// <param name="name">Where to publish; null: a new version of the parent's name.</param>
    /// <exception cref="InvalidTrainingOptionsException">The fine-tune cannot be done as asked.</exception>
    /// <param name="overrides">Puts the user's flags over <see cref="BaseOptions"/>.</param>
    public static FineTuningPlan Create(ModelStore store, ModelRecipe recipe, string parent, string dataFolder, double dataShare,
        Func<TrainingOptions, TrainingOptions> overrides, string? name)
    {
        if (!ModelReference.TryParse(parent, out var reference, out var error)) throw new InvalidTrainingOptionsException(error);
        var folder = store.Find(reference) ?? throw new InvalidTrainingOptionsException($"There is no model {parent} in {store.Root} to fine-tune.");
        var metadata = store.ReadMetadata(folder);
        if (metadata.Spec.Recipe != recipe.Id)
            throw new InvalidTrainingOptionsException($"{metadata.Name}@{metadata.Version} was trained by the recipe '{metadata.Spec.Recipe}', not '{recipe.Id}'; fine-tune it with --model {metadata.Spec.Recipe}.");
        if (!metadata.Spec.ReadsDigitImages)
            throw new InvalidTrainingOptionsException($"{metadata.Name} does not read 28x28 digit images; only digit image models are fine-tuned on image folders.");
        if (metadata.Ensemble is { } ensemble)
            throw new InvalidTrainingOptionsException($"{metadata.Name}@{metadata.Version} is an ensemble of {ensemble.Members}; fine-tune a single model (such as {DefaultRecipes.Images}).");
        var options = overrides(BaseOptions(metadata));
        if (options.Ensemble != 1) throw new InvalidTrainingOptionsException("A fine-tune trains one model; --ensemble does not apply.");
        if (dataShare is not (> 0 and <= 1)) throw new InvalidTrainingOptionsException($"--data-share must be above 0 and at most 1, not {dataShare}.");
        if (!Directory.Exists(dataFolder)) throw new InvalidTrainingOptionsException($"{dataFolder}: there is no such folder.");
        var training = TrainingPlan.Create(recipe, options, metadata.Spec.Dataset.Name, name ?? metadata.Name);
        return new FineTuningPlan(training, folder, metadata, Path.GetFullPath(dataFolder), dataShare);
    }

    public string ParentId => $"{Parent.Name}@{Parent.Version}";

    /// <summary>The parent's network as it trains: its weights without its fitted temperature or shift views, which the fine-tune fits and adds again.</summary>
    public nn.Module<Tensor, Tensor> TrainableParent()
    {
        var model = Recipes.Get(Parent.Spec.Recipe).CreateFor(Parent with { Temperature = null });
        model.load(Path.Combine(ParentFolder, ModelFiles.Weights));
        return model is ShiftViews views ? views.Model : model;
    }
}

/// <summary>The images of a fine-tune: the folder split three ways, MNIST mixed into training and validation, MNIST test held out.</summary>
public sealed record FineTuningData(DataSplit Split, TensorSet DataTest, SplitSizes DataSizes, int MnistImages, IReadOnlyList<string> Skipped) : IDisposable
{
    public static FineTuningData Load(FineTuningPlan plan, DatasetFetcher fetcher)
    {
        var seed = plan.Training.Options.Seed;
        var folder = LabeledImageFolder.Load(plan.DataFolder, plan.Parent.Labels);
        var images = folder.Images;
        var first = Splits.Stratified(images.Labels, FineTuningPlan.DataHoldout, seed);
        var holdout = images.Select(first.Holdout);
        var second = Splits.Stratified(holdout.Labels, 0.5, seed);
        var (train, validation, test) = (images.Select(first.Train), holdout.Select(second.Train), holdout.Select(second.Holdout));
        if (train.Count == 0 || validation.Count == 0 || test.Count == 0)
            throw new InvalidTrainingOptionsException($"{plan.DataFolder} holds {images.Count} usable images: too few to train, validate and test on (a few per class at least).");

        var mnist = DatasetLoader.Load(fetcher, plan.Training.Dataset);
        var random = new Random(seed);
        var pool = Enumerable.Range(0, mnist.Train.Count - FineTuningPlan.MnistValidationImages).OrderBy(_ => random.Next()).ToArray();
        var mnistCount = plan.DataShare >= 1 ? 0 : Math.Min(plan.Training.Options.Limit ?? FineTuningPlan.MnistImages, pool.Length);
        var copies = plan.DataShare >= 1 ? 1 : Math.Max(1, (int)Math.Round(plan.DataShare / (1 - plan.DataShare) * mnistCount / train.Count));
        var mixed = Enumerable.Repeat(train, copies).Aggregate((a, b) => a.Concat(b)).Concat(mnist.Train.Select(pool[..mnistCount]));
        var mnistValidation = mnist.Train.Select(Enumerable.Range(mnist.Train.Count - FineTuningPlan.MnistValidationImages, FineTuningPlan.MnistValidationImages).ToArray());
        var split = DataSplit.Of(mixed, validation.Concat(mnistValidation), mnist.Test ?? throw new InvalidOperationException("MNIST has no test set."),
            $"the folder's training images {copies} times over with {mnistCount:N0} MNIST training images; its validation images with the last " +
            $"{FineTuningPlan.MnistValidationImages:N0} MNIST training images; MNIST test held out");
        return new FineTuningData(split, new TensorSet(test, asImages: true),
            new SplitSizes(train.Count, validation.Count, test.Count, "stratified 60/20/20 of the folder"), mnistCount, folder.Skipped);
    }

    public static double Accuracy(nn.Module<Tensor, Tensor> model, TensorSet set, IReadOnlyList<string> labels) =>
        Evaluation.Compute(Inference.Probabilities(model, set.Inputs), set.Images.Labels, labels).Accuracy;

    /// <summary>The split is handed to the published members, which dispose it; this disposes what is left.</summary>
    public void Dispose() => DataTest.Dispose();
}
