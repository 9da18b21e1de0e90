using Digits.Core.Data;
using Digits.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>
/// The state of an unfinished run, rewritten after every epoch under models/NAME/.checkpoint/: the weights
/// of the last and of the best epoch (and their running average, if kept), the optimizer's moments and the trainer's
/// state. An epoch's files are written together into a folder of their own, epoch-N/, and only then does the manifest
/// (current.json, written under a temporary name and renamed) point to it: a kill at any moment leaves the previous
/// epoch whole, never a mix of two. An ensemble run keeps one such checkpoint per member in member-K/, and there each
/// finished member's weights.
/// </summary>
public sealed class Checkpoint(string directory)
{
    private const string Manifest = "current.json";
    private const string EpochPrefix = "epoch-";
    private const string LastWeights = "last.bin";
    private const string BestWeights = "best.bin";
    private const string AverageWeights = "average.bin";
    private const string OptimizerState = "optimizer.bin";
    private const string StateFile = "state.json";
    private const string RunFile = "run.json";
    private const string FinishedWeights = "finished.bin";
    private const string FinishedFile = "finished.json";

    public string Directory { get; } = directory;

    public static Checkpoint For(ModelStore store, string modelName) =>
        new(Path.Combine(store.Root, modelName, ".checkpoint"));

    /// <summary>A run was started here and has not been published.</summary>
    public bool Exists => File.Exists(Path.Combine(Directory, RunFile));

    /// <summary>At least one epoch of this (member's) training is saved.</summary>
    public bool HasEpochs => File.Exists(Path.Combine(Directory, Manifest));

    /// <summary>The folder of the epoch the manifest points to.</summary>
    private string CurrentEpoch => Path.Combine(Directory, DigitsJson.Deserialize<CurrentEpochFile>(File.ReadAllText(Path.Combine(Directory, Manifest))).Folder);

    private sealed record CurrentEpochFile(string Folder);

    /// <param name="member">Counted from 0.</param>
    public Checkpoint Member(int member) => new(Path.Combine(Directory, $"member-{member + 1}"));

    /// <param name="spec">What the run will publish: a resumed run reads it back, so that it is the same run.</param>
    public void Start(ModelSpec spec)
    {
        Reset();
        AtomicFile.WriteAllText(Path.Combine(Directory, RunFile), DigitsJson.Serialize(spec));
    }

    /// <summary>Forgets any saved epochs, so that training starts afresh here.</summary>
    public void Reset()
    {
        Delete();
        System.IO.Directory.CreateDirectory(Directory);
    }

    public ModelSpec ReadSpec() => DigitsJson.Deserialize<ModelSpec>(File.ReadAllText(Path.Combine(Directory, RunFile)));

    public TrainingState ReadState() => DigitsJson.Deserialize<TrainingState>(File.ReadAllText(Path.Combine(CurrentEpoch, StateFile)));

    /// <param name="average">The weight average, when the run keeps one: it is what "best" refers to then.</param>
    public void SaveEpoch(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, nn.Module<Tensor, Tensor>? average, TrainingState state,
        bool isBest)
    {
        var previous = HasEpochs ? CurrentEpoch : null;
        var name = $"{EpochPrefix}{state.EpochsDone}";
        var folder = Path.Combine(Directory, name);
        var partial = AtomicFile.TemporaryNameFor(folder);
        System.IO.Directory.CreateDirectory(partial);
        model.save(Path.Combine(partial, LastWeights));
        average?.save(Path.Combine(partial, AverageWeights));
        if (isBest) (average ?? model).save(Path.Combine(partial, BestWeights));
        else if (previous is not null) File.Copy(Path.Combine(previous, BestWeights), Path.Combine(partial, BestWeights));
        optimizer.save_state_dict(Path.Combine(partial, OptimizerState));
        File.WriteAllText(Path.Combine(partial, StateFile), DigitsJson.Serialize(state));
        if (System.IO.Directory.Exists(folder)) System.IO.Directory.Delete(folder, recursive: true);
        System.IO.Directory.Move(partial, folder);
        AtomicFile.WriteAllText(Path.Combine(Directory, Manifest), DigitsJson.Serialize(new CurrentEpochFile(name)));
        DeleteEpochsBut(name);
    }

    public void LoadLast(nn.Module<Tensor, Tensor> model, OptimizerHelper optimizer, nn.Module<Tensor, Tensor>? average)
    {
        var epoch = CurrentEpoch;
        model.load(Path.Combine(epoch, LastWeights));
        average?.load(Path.Combine(epoch, AverageWeights));
        optimizer.load_state_dict(Path.Combine(epoch, OptimizerState));
    }

    public void LoadBest(nn.Module<Tensor, Tensor> model) => model.load(Path.Combine(CurrentEpoch, BestWeights));

    /// <summary>Every epoch folder but <paramref name="kept"/>, and what an interrupted save left half-written.</summary>
    private void DeleteEpochsBut(string? kept)
    {
        foreach (var folder in System.IO.Directory.GetDirectories(Directory, EpochPrefix + "*")
                     .Concat(System.IO.Directory.GetDirectories(Directory, $".{EpochPrefix}*")))
            if (Path.GetFileName(folder) != kept) System.IO.Directory.Delete(folder, recursive: true);
    }

    /// <summary>
    /// Keeps an ensemble member's final weights (its temperature is in <paramref name="member"/>) and drops its
    /// epochs, which only its finished file's absence would make useful.
    /// </summary>
    public void SaveFinished(nn.Module<Tensor, Tensor> model, FinishedMember member)
    {
        SaveAtomically(FinishedWeights, path => model.save(path));
        AtomicFile.WriteAllText(Path.Combine(Directory, FinishedFile), DigitsJson.Serialize(member));
        File.Delete(Path.Combine(Directory, Manifest));
        DeleteEpochsBut(kept: null);
    }

    /// <summary>This ensemble member's training ended; <see cref="LoadFinished"/> reads it back.</summary>
    public bool IsFinished => File.Exists(Path.Combine(Directory, FinishedFile));

    /// <returns>The member's description, with its weights loaded into <paramref name="model"/>.</returns>
    public FinishedMember LoadFinished(nn.Module<Tensor, Tensor> model)
    {
        model.load(Path.Combine(Directory, FinishedWeights));
        return DigitsJson.Deserialize<FinishedMember>(File.ReadAllText(Path.Combine(Directory, FinishedFile)));
    }

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

/// <summary>An ensemble member whose training ended before its run was interrupted.</summary>
public sealed record FinishedMember(int Seed, double? Temperature, TrainingState State);
