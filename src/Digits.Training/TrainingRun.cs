using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Training.Reports;
using static TorchSharp.torch;

namespace Digits.Training;

public sealed record TrainedModel(string Folder, ModelMetadata Metadata);

/// <summary>
/// One training run from request to published model: loads and splits the data, trains, evaluates on the
/// held-out test set, writes every artifact into a hidden folder and renames it into models/NAME/VERSION.
/// </summary>
public sealed class TrainingRun(ModelStore store, DatasetFetcher fetcher)
{
    public event Action<BatchProgress>? BatchCompleted;
    public event Action<EpochRecord, bool>? EpochCompleted;
    public event Action<string>? Message;

    /// <returns>The published model, or null when the run was cancelled (its checkpoint is kept).</returns>
    public TrainedModel? Run(TrainingRequest request, CancellationToken cancellation)
    {
        var recipe = Recipes.Get(request.Model);
        var checkpoint = Checkpoint.For(store, recipe.Name);
        var run = request.Resume ? ResumableRun(checkpoint, recipe) : NewRun(request, recipe);
        var dataset = DatasetCatalog.Get(run.Dataset);
        if (dataset.IsIdx != recipe.TakesImages)
            throw new ArgumentException($"Model '{recipe.Name}' cannot train on '{dataset.Name}': it takes {recipe.Input.Description}.");

        TorchSetup.Seed(run.Options.Seed);
        using var split = DataSplit.Create(DatasetLoader.Load(fetcher, dataset), recipe, run.Options.Seed, run.Limit);
        var model = recipe.Create();
        if (!request.Resume) checkpoint.Start(run);
        Message?.Invoke($"Training {recipe.Name} ({recipe.Description}; {ParameterCount(model):N0} parameters) on {dataset.Name}: " +
                        $"{split.Sizes.Train:N0} train, {split.Sizes.Validation:N0} validation, {split.Sizes.Test:N0} test.");

        var trainer = new Trainer(model, split, run.Options, checkpoint);
        trainer.BatchCompleted += p => BatchCompleted?.Invoke(p);
        trainer.EpochCompleted += (r, improved) => EpochCompleted?.Invoke(r, improved);
        var outcome = trainer.Run(request.Resume, cancellation);
        if (outcome.Cancelled && outcome.State.EpochsDone == 0)
        {
            checkpoint.Delete();
            Message?.Invoke("Stopped before the first epoch ended: there is nothing to keep or resume.");
            return null;
        }
        if (outcome.Cancelled)
        {
            Message?.Invoke($"Stopped after {outcome.State.EpochsDone} complete epoch(s). The checkpoint (best: epoch {outcome.State.BestEpoch}) " +
                            $"is kept in {checkpoint.Directory}; run the same command with --resume to continue.");
            return null;
        }
        if (outcome.StoppedEarly)
            Message?.Invoke($"Early stopping: no validation improvement for {run.Options.EarlyStoppingPatience} epochs; best epoch {outcome.State.BestEpoch}.");

        var published = Publish(recipe, model, split, dataset, run, outcome.State);
        checkpoint.Delete();
        return published;
    }

    private static RunDescription NewRun(TrainingRequest request, ModelRecipe recipe) => new(
        recipe.Name,
        request.Dataset ?? recipe.DefaultDataset,
        new TrainingOptions
        {
            Epochs = Positive(request.Epochs ?? recipe.Epochs, "--epochs"),
            BatchSize = Positive(request.BatchSize ?? recipe.BatchSize, "--batch-size"),
            LearningRate = request.LearningRate is { } lr && !(lr > 0) ? throw new ArgumentException("--lr must be positive.") : request.LearningRate ?? recipe.LearningRate,
            Seed = request.Seed,
            Augment = request.Augment ?? recipe.Augment,
            EarlyStoppingPatience = recipe.EarlyStoppingPatience,
            PlateauPatience = recipe.PlateauPatience,
            PlateauFactor = recipe.PlateauFactor,
            KeepBestWeights = recipe.EarlyStoppingPatience is not null,
        },
        request.Limit is { } limit ? Positive(limit, "--limit") : null);

    private static RunDescription ResumableRun(Checkpoint checkpoint, ModelRecipe recipe)
    {
        if (!checkpoint.Exists)
            throw new InvalidOperationException($"There is no unfinished '{recipe.Name}' run to resume (no checkpoint in {checkpoint.Directory}).");
        return checkpoint.ReadRun();
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be a positive number, not {value}.");

    public static long ParameterCount(nn.Module<Tensor, Tensor> model) => model.parameters().Sum(p => p.numel());

    private TrainedModel Publish(ModelRecipe recipe, nn.Module<Tensor, Tensor> model, DataSplit split, DatasetInfo dataset,
        RunDescription run, TrainingState state)
    {
        var probabilities = Inference.Probabilities(model, split.Test.Inputs);
        var metrics = Evaluation.Compute(probabilities, split.Test.Images.Labels, dataset.Labels);
        var version = store.NewVersion(recipe.Name);
        var staging = store.CreateStaging(recipe.Name);
        try
        {
            var metadata = new ModelMetadata
            {
                Name = recipe.Name,
                Version = version,
                Architecture = recipe.Description,
                Parameters = ParameterCount(model),
                Hyperparameters = new Hyperparameters
                {
                    Optimizer = "adam",
                    LearningRate = run.Options.LearningRate,
                    BatchSize = run.Options.BatchSize,
                    MaxEpochs = run.Options.Epochs,
                    Augment = run.Options.Augment,
                    Limit = run.Limit,
                    Schedule = run.Options.PlateauPatience is { } p ? $"reduce on plateau (factor {run.Options.PlateauFactor}, patience {p})" : "constant",
                    EarlyStoppingPatience = run.Options.EarlyStoppingPatience,
                },
                Seed = run.Options.Seed,
                Dataset = new DatasetReference(dataset.Name, dataset.Files.ToDictionary(f => f.Name, f => f.Sha256)),
                Split = split.Sizes,
                EpochsRun = state.EpochsDone,
                TrainSeconds = Math.Round(state.Seconds, 2),
                History = state.History,
                Metrics = new MetricsSet(metrics),
                Labels = dataset.Labels,
                Input = recipe.Input,
                CreatedUtc = DateTimeOffset.UtcNow,
            };
            ArtifactWriter.Write(staging, model, metadata, split.Test.Images, probabilities);
            var folder = store.Publish(staging, recipe.Name, version);
            return new TrainedModel(folder, store.ReadMetadata(folder));
        }
        catch
        {
            Directory.Delete(staging, recursive: true);
            throw;
        }
    }
}
