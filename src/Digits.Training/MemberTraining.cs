using Digits.Data;
using Digits.Core.Data;
using Digits.Core.Models;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>A trained network with what its training left: its state, seed and fitted temperature.</summary>
public sealed record TrainedMember(nn.Module<Tensor, Tensor> Model, TrainingState State, int Seed, double? Temperature);

/// <summary>The members a run trained, and the split the last one used (every member shares its test set).</summary>
public sealed record TrainedMembers(IReadOnlyList<TrainedMember> Members, DataSplit Split) : IDisposable
{
    public void Dispose() => Split.Dispose();
}

/// <summary>
/// Trains a plan's model, or the members of its ensemble one after another (each with its own seed and its own
/// block of validation images), each calibrated when its recipe calls for it. A finished member is kept in the
/// checkpoint until the run is published, so an interrupted ensemble resumes with its next member.
/// </summary>
public sealed class MemberTraining(TrainingPlan plan, DatasetParts data, Checkpoint checkpoint, PrintedDigits? printed)
{
    public event Action<BatchProgress>? BatchCompleted;
    public event Action<EpochRecord, bool>? EpochCompleted;
    public event Action<string>? Message;

    /// <returns>The trained members, or null when the run was cancelled (the checkpoint is kept).</returns>
    public TrainedMembers? Train(bool resume, CancellationToken cancellation)
    {
        var members = plan.Options.Ensemble;
        var trained = new List<TrainedMember>();
        DataSplit? split = null;
        try
        {
            for (var member = 0; member < members; member++)
            {
                var options = plan.Options with { Seed = plan.Options.Seed + member };
                var memberCheckpoint = plan.IsEnsemble ? checkpoint.Member(member) : checkpoint;
                split?.Dispose();
                split = DataSplit.Create(data, plan.Options, validationBlock: member);
                if (plan.IsEnsemble) Message?.Invoke($"Ensemble member {member + 1} of {members} (seed {options.Seed}; {split.Sizes.Method}).");
                if (plan.IsEnsemble && memberCheckpoint.IsFinished)
                {
                    trained.Add(Kept(memberCheckpoint));
                    continue;
                }
                var resumeMember = resume && memberCheckpoint.HasEpochs;
                if (plan.IsEnsemble && !resumeMember) memberCheckpoint.Reset();
                if (TrainOne(options, split, resumeMember, memberCheckpoint, cancellation) is not { } outcome) return null;
                var temperature = ModelCalibration.CalibrateIfSmoothed(outcome.Model, options, split.Validation);
                var finished = new TrainedMember(outcome.Model, outcome.State, options.Seed, temperature);
                if (plan.IsEnsemble) memberCheckpoint.SaveFinished(finished.Model, new FinishedMember(finished.Seed, temperature, finished.State));
                trained.Add(finished);
            }
            var result = new TrainedMembers(trained, split!);
            split = null;
            return result;
        }
        finally
        {
            split?.Dispose();
        }
    }

    /// <summary>A member that finished before its ensemble run was interrupted, loaded rather than trained again.</summary>
    private TrainedMember Kept(Checkpoint memberCheckpoint)
    {
        var model = plan.Recipe.Network(plan.Options);
        var finished = memberCheckpoint.LoadFinished(model);
        if (finished.Temperature is { } temperature) ModelCalibration.Apply(model, temperature);
        Message?.Invoke($"Kept from the interrupted run: {finished.State.EpochsDone} epochs, {finished.State.Seconds:F0} s.");
        return new TrainedMember(model, finished.State, finished.Seed, finished.Temperature);
    }

    private (nn.Module<Tensor, Tensor> Model, TrainingState State)? TrainOne(TrainingOptions options, DataSplit split, bool resume,
        Checkpoint memberCheckpoint, CancellationToken cancellation)
    {
        TorchSetup.Seed(options.Seed);
        var model = plan.Recipe.Network(plan.Options);
        using var average = options.WeightAveraging is null ? null : plan.Recipe.Network(plan.Options);
        Message?.Invoke($"Training {plan.Name} ({plan.Recipe.Description}; {ModelPublisher.ParameterCount(model):N0} parameters) on {plan.Dataset.Name}: " +
                        $"{split.Sizes.Train:N0} train, {split.Sizes.Validation:N0} validation, {split.Sizes.Test:N0} test.");

        var trainer = new Trainer(model, average, split, options, memberCheckpoint, printed);
        trainer.BatchCompleted += p => BatchCompleted?.Invoke(p);
        trainer.EpochCompleted += (r, improved) => EpochCompleted?.Invoke(r, improved);
        var outcome = trainer.Run(resume, cancellation);
        if (outcome.Cancelled && outcome.State.EpochsDone == 0 && !plan.IsEnsemble)
        {
            checkpoint.Delete();
            Message?.Invoke("Stopped before the first epoch ended: there is nothing to keep or resume.");
            return null;
        }
        if (outcome.Cancelled)
        {
            var kept = plan.IsEnsemble
                ? "The members finished so far and this one's checkpoint are kept"
                : $"The checkpoint (best: epoch {outcome.State.BestEpoch}) is kept";
            Message?.Invoke($"Stopped after {outcome.State.EpochsDone} complete epoch(s). {kept} " +
                            $"in {checkpoint.Directory}; run the same command with --resume to continue.");
            return null;
        }
        if (outcome.StoppedEarly)
            Message?.Invoke($"Early stopping: no validation improvement for {options.EarlyStoppingPatience} epochs; best epoch {outcome.State.BestEpoch}.");
        return (model, outcome.State);
    }
}
