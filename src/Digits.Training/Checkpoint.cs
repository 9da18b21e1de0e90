using Digits.Core.Data;
using Digits.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>
/// The state of an unfinished run, rewritten after every epoch under models/NAME/.checkpoint/: the weights
/// of the last and of the best epoch (and their running average, if kept), the optimizer's moments and the trainer's state. Each file is written
/// under a temporary name and renamed, so an interrupted write never damages the previous checkpoint.
/// </summary>
public sealed class Checkpoint(string directory)
{
    private const string LastWeights = "last.bin";
    private const string BestWeights = "best.bin";
    private const string AverageWeights = "average.bin";
    private const string OptimizerState = "optimizer.bin";
    private const string StateFile = "state.json";
    private const string RunFile = "run.json";

    public string Directory { get; } = directory;

    public static Checkpoint For(ModelStore store, string modelName) =>
        new(Path.Combine(store.Root, modelName, ".checkpoint"));

    public bool Exists => File.Exists(Path.Combine(Directory, StateFile));

    public void Start(RunDescription run)
    {
        Delete();
        System.IO.Directory.CreateDirectory(Directory);
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFile), ModelJson.Serialize(run));
    }

    public RunDescription ReadRun() => ModelJson.Deserialize<RunDescription>(File.ReadAllText(Path.Combine(Directory, RunFile)));

    public TrainingState ReadState() => ModelJson.Deserialize<TrainingState>(File.ReadAllText(Path.Combine(Directory, StateFile)));

    /// <param name="average">The weight average, when the run keeps one: it is what "best" refers to then.</param>
    public void SaveEpoch(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, nn.Module<Tensor, Tensor>? average, TrainingState state,
        bool isBest)
    {
        SaveAtomically(LastWeights, path => model.save(path));
        if (average is not null) SaveAtomically(AverageWeights, path => average.save(path));
        if (isBest) SaveAtomically(BestWeights, path => (average ?? model).save(path));
        SaveAtomically(OptimizerState, optimizer.save_state_dict);
        AtomicFile.WriteAllText(Path.Combine(Directory, StateFile), ModelJson.Serialize(state));
    }

    public void LoadLast(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, nn.Module<Tensor, Tensor>? average)
    {
        model.load(Path.Combine(Directory, LastWeights));
        average?.load(Path.Combine(Directory, AverageWeights));
        optimizer.load_state_dict(Path.Combine(Directory, OptimizerState));
    }

    public void LoadBest(nn.Module<Tensor, Tensor> model) => model.load(Path.Combine(Directory, BestWeights));

    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory)) System.IO.Directory.Delete(Directory, recursive: true);
    }

    private void SaveAtomically(string name, Action<string> save)
    {
        var path = Path.Combine(Directory, name);
        var temporary = AtomicFile.TemporaryNameFor(path);
        save(temporary);
        File.Move(temporary, path, overwrite: true);
    }
}

/// <summary>What a run was asked to do; a resumed run must be the same run.</summary>
public sealed record RunDescription(string Model, string Dataset, TrainingOptions Options, int? Limit);
