using Digits.Data;
using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training;

public sealed record TrainedModel(string Folder, ModelMetadata Metadata);

/// <summary>
/// One training run from request to published model: loads and splits the data, trains (one model, or the
/// members of an ensemble one after another, each with its own seed, keeping each finished member until the run is
/// published, so that an interrupted ensemble resumes with its next member), evaluates on the held-out test set,
/// writes every artifact into a hidden folder and renames it into models/NAME/VERSION.
/// </summary>
public sealed class TrainingRun(ModelStore store, DatasetFetcher fetcher)
{
    public event Action<BatchProgress>? BatchCompleted;
    public event Action<EpochRecord, bool>? EpochCompleted;
    public event Action<string>? Message;

    /// <returns>The published model, or null when the run was cancelled (its checkpoint is kept).</returns>
    public TrainedModel? Run(TrainingRequest request, CancellationToken cancellation) =>
        Run(Recipes.Get(request.Model), request, cancellation);

    /// <summary>Trains a recipe that need not be one of <see cref="Recipes.All"/> (the benchmarks' ablations).</summary>
    public TrainedModel? Run(ModelRecipe recipe, TrainingRequest request, CancellationToken cancellation)
    {
        var checkpoint = Checkpoint.For(store, recipe.Name);
        var run = request.Resume ? ResumableRun(checkpoint, recipe, request) : NewRun(request, recipe);
        var dataset = DatasetCatalog.Get(run.Dataset);
        if (dataset.IsIdx != recipe.TakesImages)
            throw new ArgumentException($"Model '{recipe.Name}' cannot train on '{dataset.Name}': it takes {recipe.Input.Description}.");
        if (run.Options.ShiftViews && !recipe.TakesImages)
            throw new ArgumentException($"--shift-views needs a model of 28x28 images; '{recipe.Name}' takes {recipe.Input.Description}.");

        TorchSetup.Seed(run.Options.Seed);
        var data = DatasetLoader.Load(fetcher, dataset);
        if (!request.Resume) checkpoint.Start(run);
        var inEnsemble = run.Members > 1;
        var trained = new List<TrainedMember>();
        DataSplit? split = null;
        try
        {
            for (var member = 0; member < run.Members; member++)
            {
                var memberRun = run with { Options = run.Options with { Seed = run.Options.Seed + member } };
                var memberCheckpoint = inEnsemble ? checkpoint.Member(member) : checkpoint;
                split?.Dispose();
                split = DataSplit.Create(data, recipe, run.Options.Seed, run.Limit, validationBlock: member);
                if (inEnsemble) Message?.Invoke($"Ensemble member {member + 1} of {run.Members} (seed {memberRun.Options.Seed}; {split.Sizes.Method}).");
                if (inEnsemble && memberCheckpoint.IsFinished)
                {
                    trained.Add(KeptMember(recipe, memberCheckpoint));
                    continue;
                }
                var resumeMember = request.Resume && memberCheckpoint.HasEpochs;
                if (inEnsemble && !resumeMember) memberCheckpoint.Reset();
                var outcome = TrainOne(recipe, memberRun, split, dataset, resumeMember, checkpoint, memberCheckpoint, cancellation);
                if (outcome is null) return null;
                var temperature = Calibrate(recipe, run.Options, outcome.Value.Model, split.Validation);
                var finished = new TrainedMember(outcome.Value.Model, outcome.Value.State, memberRun.Options.Seed, temperature);
                if (inEnsemble) memberCheckpoint.SaveFinished(finished.Model, new FinishedMember(finished.Seed, temperature, finished.State));
                trained.Add(finished);
            }
            var published = inEnsemble
                ? PublishEnsemble(recipe, trained, split!, dataset, run)
                : Publish(recipe, trained[0].Model, split!.Test, split.Sizes, dataset, run, trained[0].State, trained[0].Temperature, ensemble: null);
            checkpoint.Delete();
            return published;
        }
        finally
        {
            split?.Dispose();
        }
    }

    /// <summary>A member that finished before its ensemble run was interrupted, loaded rather than trained again.</summary>
    private TrainedMember KeptMember(ModelRecipe recipe, Checkpoint memberCheckpoint)
    {
        var model = recipe.Create();
        var finished = memberCheckpoint.LoadFinished(model);
        if (finished.Temperature is { } temperature) ModelCalibration.Apply(model, temperature);
        Message?.Invoke($"Kept from the interrupted run: {finished.State.EpochsDone} epochs, {finished.State.Seconds:F0} s.");
        return new TrainedMember(model, finished.State, finished.Seed, finished.Temperature);
    }

    private sealed record TrainedMember(nn.Module<Tensor, Tensor> Model, TrainingState State, int Seed, double? Temperature);

    /// <summary>
    /// Label smoothing teaches a model to answer about 0.9 when it is sure; a temperature fitted on the validation
    /// set (and put into the model) undoes that. The seeds' recipes keep the plain softmax their documents specify.
    /// </summary>
    private static double? Calibrate(ModelRecipe recipe, TrainingOptions options, nn.Module<Tensor, Tensor> model, TensorSet validation)
    {
        if (options.LabelSmoothing == 0 || recipe.Split == SplitMethod.TestAsValidation) return null;
        var temperature = ModelCalibration.Fit(model, validation);
        ModelCalibration.Apply(model, temperature);
        return temperature;
    }

    /// <param name="runCheckpoint">The whole run's checkpoint; <paramref name="checkpoint"/> is this model's (the same for a single run).</param>
    private (nn.Module<Tensor, Tensor> Model, TrainingState State)? TrainOne(ModelRecipe recipe, RunDescription run, DataSplit split,
        DatasetInfo dataset, bool resume, Checkpoint runCheckpoint, Checkpoint checkpoint, CancellationToken cancellation)
    {
        TorchSetup.Seed(run.Options.Seed);
        var model = recipe.Create();
        using var average = run.Options.WeightAveraging is null ? null : recipe.Create();
        Message?.Invoke($"Training {recipe.Name} ({recipe.Description}; {ParameterCount(model):N0} parameters) on {dataset.Name}: " +
                        $"{split.Sizes.Train:N0} train, {split.Sizes.Validation:N0} validation, {split.Sizes.Test:N0} test.");

        var trainer = new Trainer(model, average, split, run.Options, checkpoint);
        trainer.BatchCompleted += p => BatchCompleted?.Invoke(p);
        trainer.EpochCompleted += (r, improved) => EpochCompleted?.Invoke(r, improved);
        var outcome = trainer.Run(resume, cancellation);
        if (outcome.Cancelled && outcome.State.EpochsDone == 0 && run.Members == 1)
        {
            runCheckpoint.Delete();
            Message?.Invoke("Stopped before the first epoch ended: there is nothing to keep or resume.");
            return null;
        }
        if (outcome.Cancelled)
        {
            var kept = run.Members == 1
                ? $"The checkpoint (best: epoch {outcome.State.BestEpoch}) is kept"
                : "The members finished so far and this one's checkpoint are kept";
            Message?.Invoke($"Stopped after {outcome.State.EpochsDone} complete epoch(s). {kept} " +
                            $"in {runCheckpoint.Directory}; run the same command with --resume to continue.");
            return null;
        }
        if (outcome.StoppedEarly)
            Message?.Invoke($"Early stopping: no validation improvement for {run.Options.EarlyStoppingPatience} epochs; best epoch {outcome.State.BestEpoch}.");
        return (model, outcome.State);
    }

    /// <summary>Each member was calibrated on its own validation images, so the average of their probabilities needs no temperature of its own.</summary>
    private TrainedModel PublishEnsemble(ModelRecipe recipe, List<TrainedMember> members, DataSplit split, DatasetInfo dataset, RunDescription run)
    {
        var accuracies = members
            .Select(m => Evaluation.Compute(Inference.Probabilities(m.Model, split.Test.Inputs), split.Test.Images.Labels, dataset.Labels).Accuracy)
            .ToArray();
        var temperatures = members.All(m => m.Temperature is not null) ? members.Select(m => m.Temperature!.Value).ToArray() : null;
        var summary = new EnsembleSummary(members.Count, members.Select(m => m.Seed).ToArray(), accuracies,
            members.Select(m => Math.Round(m.State.Seconds, 2)).ToArray(), temperatures);
        var ensemble = new Ensemble(members.Select(m => m.Model).ToArray());
        var state = members[0].State with { Seconds = members.Sum(m => m.State.Seconds) };
        var sizes = recipe.Split == SplitMethod.LastTenThousand
            ? split.Sizes with { Method = "each member validates on its own block of training images (the first on the last ones, the next on those before), so together they learn from all; test set held out" }
            : split.Sizes;
        return Publish(recipe, ensemble, split.Test, sizes, dataset, run, state, temperature: null, summary);
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
            Elastic = request.Elastic ?? recipe.Elastic,
            EarlyStoppingPatience = recipe.EarlyStoppingPatience,
            PlateauPatience = recipe.PlateauPatience,
            PlateauFactor = recipe.PlateauFactor,
            Optimizer = recipe.Optimizer,
            Schedule = recipe.Schedule,
            WeightDecay = recipe.WeightDecay,
            LabelSmoothing = recipe.LabelSmoothing,
            WeightAveraging = recipe.WeightAveraging,
            ShiftViews = request.ShiftViews ?? false,
            KeepBestWeights = recipe.EarlyStoppingPatience is not null,
        },
        request.Limit is { } limit ? Positive(limit, "--limit") : null,
        Positive(request.Ensemble, "--ensemble"));

    /// <summary>The interrupted run as it was asked for, except shift views: they change only what is published.</summary>
    private static RunDescription ResumableRun(Checkpoint checkpoint, ModelRecipe recipe, TrainingRequest request)
    {
        if (!checkpoint.Exists)
            throw new InvalidOperationException($"There is no unfinished '{recipe.Name}' run to resume (no checkpoint in {checkpoint.Directory}).");
        var run = checkpoint.ReadRun();
        return request.ShiftViews is { } views ? run with { Options = run.Options with { ShiftViews = views } } : run;
    }

    private static int Positive(int value, string option) =>
        value > 0 ? value : throw new ArgumentException($"{option} must be a positive number, not {value}.");

    private static string ScheduleDescription(TrainingOptions options) => options.Schedule switch
    {
        LearningRateSchedule.ReduceOnPlateau => $"reduce on plateau (factor {options.PlateauFactor}, patience {options.PlateauPatience})",
        LearningRateSchedule.OneCycle => $"one cycle (peak {options.LearningRate}, per batch)",
        _ => "constant",
    };

    public static long ParameterCount(nn.Module<Tensor, Tensor> model) => model.parameters().Sum(p => p.numel());

    private TrainedModel Publish(ModelRecipe recipe, nn.Module<Tensor, Tensor> model, TensorSet test, SplitSizes sizes, DatasetInfo dataset,
        RunDescription run, TrainingState state, double? temperature, EnsembleSummary? ensemble)
    {
        ShiftViewsSummary? views = null;
        if (run.Options.ShiftViews)
        {
            var alone = Evaluation.Compute(Inference.Probabilities(model, test.Inputs), test.Images.Labels, dataset.Labels);
            views = new ShiftViewsSummary(ShiftViews.Count, alone.Accuracy);
            model = new ShiftViews(model);
        }
        var probabilities = Inference.Probabilities(model, test.Inputs);
        var metrics = Evaluation.Compute(probabilities, test.Images.Labels, dataset.Labels);
        var version = store.NewVersion(recipe.Name);
        var staging = store.CreateStaging(recipe.Name);
        try
        {
            var architecture = ensemble is null ? recipe.Description : $"ensemble of {ensemble.Members} ({recipe.Description}), probabilities averaged";
            var metadata = new ModelMetadata
            {
                Name = recipe.Name,
                Version = version,
                Architecture = views is null ? architecture : $"{architecture}; each image also seen shifted by one pixel left, right, up and down, probabilities averaged over the {views.Views} views",
                Parameters = ParameterCount(model),
                Hyperparameters = new Hyperparameters
                {
                    Optimizer = run.Options.Optimizer.ToString().ToLowerInvariant(),
                    LearningRate = run.Options.LearningRate,
                    BatchSize = run.Options.BatchSize,
                    MaxEpochs = run.Options.Epochs,
                    Augment = run.Options.Augment,
                    Elastic = run.Options.Elastic,
                    Limit = run.Limit,
                    Schedule = ScheduleDescription(run.Options),
                    EarlyStoppingPatience = run.Options.EarlyStoppingPatience,
                    WeightDecay = run.Options.WeightDecay,
                    LabelSmoothing = run.Options.LabelSmoothing,
                    WeightAveraging = run.Options.WeightAveraging,
                },
                Seed = run.Options.Seed,
                Dataset = new DatasetReference(dataset.Name, dataset.Files.ToDictionary(f => f.Name, f => f.Sha256)),
                Split = sizes,
                EpochsRun = state.EpochsDone,
                TrainSeconds = Math.Round(state.Seconds, 2),
                History = state.History,
                Metrics = new MetricsSet(metrics),
                Labels = dataset.Labels,
                Input = recipe.Input,
                CreatedUtc = DateTimeOffset.UtcNow,
                Ensemble = ensemble,
                Temperature = temperature,
                ShiftViews = views,
            };
            ArtifactWriter.Write(staging, model, metadata, test.Images, probabilities);
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
