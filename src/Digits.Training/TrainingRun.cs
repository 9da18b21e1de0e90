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
    public TrainedModel? Run(TrainingPlan plan, CancellationToken cancellation) => Run(plan, resume: false, cancellation);

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

    private TrainedModel? Run(TrainingPlan plan, bool resume, CancellationToken cancellation)
    {
        var checkpoint = Checkpoint.For(store, plan.Name);
        TorchSetup.Seed(plan.Options.Seed);
        var data = DatasetLoader.Load(fetcher, plan.Dataset);
        if (!resume) checkpoint.Start(plan.Spec);
        var training = new MemberTraining(plan, data, checkpoint);
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
