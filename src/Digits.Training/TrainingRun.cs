using Digits.Core.Models;
using Digits.Data;

namespace Digits.Training;

/// <summary>
/// One training run, from plan to published model: loads the plan's data, trains its members
/// (<see cref="MemberTraining"/>), publishes them (<see cref="ModelPublisher"/>) and only then drops the checkpoint.
/// </summary>
public sealed class TrainingRun(ModelStore store, DatasetFetcher fetcher)
{
    public event Action<BatchProgress>? BatchCompleted;
    public event Action<EpochRecord, bool>? EpochCompleted;
    public event Action<string>? Message;

    /// <returns>The published model, or null when the run was cancelled (its checkpoint is kept).</returns>
    /// <exception cref="InvalidTrainingOptionsException">Another run of the name is going on, or an unfinished one is saved (resume it, or restart).</exception>
    public TrainedModel? Run(TrainingPlan plan, CancellationToken cancellation) => Run(plan, resume: false, cancellation);

    /// <summary>Starts the plan afresh, deleting the checkpoint of an unfinished run of its name.</summary>
    public TrainedModel? Restart(TrainingPlan plan, CancellationToken cancellation) => Run(plan, resume: false, cancellation, restart: true);

    /// <summary>Continues the interrupted run published under <paramref name="name"/>, exactly as it was planned.</summary>
    /// <param name="shiftViews">Shift views change only what is published, so a resumed run may add or drop them; null: as planned.</param>
    public TrainedModel? Resume(string name, bool? shiftViews, CancellationToken cancellation)
    {
        var checkpoint = Checkpoint.For(store, name);
        if (!checkpoint.Exists)
            throw new InvalidTrainingOptionsException($"There is no unfinished '{name}' run to resume (no checkpoint in {checkpoint.Directory}).");
        var plan = TrainingPlan.From(checkpoint.ReadSpec(), name);
        if (shiftViews is { } views) plan = TrainingPlan.Create(plan.Recipe, plan.Options with { ShiftViews = views }, plan.Dataset.Name, name);
        return Run(plan, resume: true, cancellation);
    }

    /// <summary>Fine-tunes a published model on a folder of labelled images (see <see cref="FineTuningPlan"/>) and publishes the new version.</summary>
    /// <returns>The published model, or null when the run was cancelled (a fine-tune is short, so nothing is kept to resume).</returns>
    /// <param name="restart">Delete the checkpoint of an unfinished run of the name rather than refuse.</param>
    public TrainedModel? FineTune(FineTuningPlan plan, CancellationToken cancellation, bool restart = false)
    {
        using var held = TrainingLock.Acquire(store, plan.Training.Name);
        if (!restart) RefuseToOverwrite(Checkpoint.For(store, plan.Training.Name), plan.Training.Name);
        var options = plan.Training.Options;
        TorchSetup.Seed(options.Seed);
        using var data = FineTuningData.Load(plan, fetcher);
        foreach (var skipped in data.Skipped) Message?.Invoke($"Left out {skipped}");
        var labels = plan.Parent.Labels;
        double before;
        using (var parent = StoredModel.Load(plan.ParentFolder, plan.Parent)) before = FineTuningData.Accuracy(parent, data.DataTest, labels);
        Message?.Invoke($"Fine-tuning {plan.ParentId} on {plan.DataFolder}: {data.DataSizes.Train:N0} train, {data.DataSizes.Validation:N0} validation, " +
                        $"{data.DataSizes.Test:N0} test images (the parent gets {before:P2} of the test ones right), mixed with {data.MnistImages:N0} MNIST images.");

        var checkpoint = Checkpoint.For(store, plan.Training.Name);
        checkpoint.Start(plan.Training.Spec);
        var model = plan.TrainableParent();
        using var average = options.WeightAveraging is null ? null : plan.TrainableParent();
        var trainer = new Trainer(model, average, data.Split, options, checkpoint, Printed(options));
        trainer.BatchCompleted += p => BatchCompleted?.Invoke(p);
        trainer.EpochCompleted += (r, improved) => EpochCompleted?.Invoke(r, improved);
        var outcome = trainer.Run(resume: false, cancellation);
        if (outcome.Cancelled)
        {
            checkpoint.Delete();
            data.Split.Dispose();
            model.Dispose();
            Message?.Invoke("Stopped: nothing was published.");
            return null;
        }
        var temperature = ModelCalibration.CalibrateIfSmoothed(model, options, data.Split.Validation);
        using var trained = new TrainedMembers([new TrainedMember(model, outcome.State, options.Seed, temperature)], data.Split);
        var published = new ModelPublisher(store).Publish(plan.Training, trained, (final, metadata) => metadata with
        {
            FineTuning = new FineTuneSummary(plan.ParentId, plan.DataFolder, data.DataSizes, plan.DataShare, data.MnistImages,
                before, FineTuningData.Accuracy(final, data.DataTest, labels), plan.Parent.Metrics.Test.Accuracy, metadata.Metrics.Test.Accuracy),
        });
        checkpoint.Delete();
        return published;
    }

    private PrintedDigits? Printed(TrainingOptions options)
    {
        if (!options.PrintedDigits) return null;
        var printed = new PrintedDigits(fetcher.Fonts(FontFetcher.TrainingPackages).Fetch());
        Message?.Invoke($"Printed digits from {printed.Typefaces} typefaces of {FontFetcher.TrainingPackages.Count} font packages.");
        return printed;
    }

    /// <summary>An unfinished run may be an hour of work: it is deleted only when the user says so.</summary>
    private static void RefuseToOverwrite(Checkpoint checkpoint, string name)
    {
        if (!checkpoint.Exists) return;
        var done = checkpoint.HasEpochs ? $"{checkpoint.ReadState().EpochsDone} epoch(s) done" : "started";
        throw new InvalidTrainingOptionsException($"An unfinished run of '{name}' is saved in {checkpoint.Directory} ({done}). " +
                                                  "Continue it with --resume, or start over with --restart, which deletes it.");
    }

    private TrainedModel? Run(TrainingPlan plan, bool resume, CancellationToken cancellation, bool restart = false)
    {
        using var held = TrainingLock.Acquire(store, plan.Name);
        var checkpoint = Checkpoint.For(store, plan.Name);
        if (!resume && !restart) RefuseToOverwrite(checkpoint, plan.Name);
        TorchSetup.Seed(plan.Options.Seed);
        var data = DatasetLoader.Load(fetcher, plan.Dataset);
        if (!resume) checkpoint.Start(plan.Spec);
        var training = new MemberTraining(plan, data, checkpoint, Printed(plan.Options));
        training.BatchCompleted += p => BatchCompleted?.Invoke(p);
        training.EpochCompleted += (r, improved) => EpochCompleted?.Invoke(r, improved);
        training.Message += m => Message?.Invoke(m);
        using var trained = training.Train(resume, cancellation);
        if (trained is null) return null;
        var published = new ModelPublisher(store).Publish(plan, trained);
        checkpoint.Delete();
        return published;
    }
}
