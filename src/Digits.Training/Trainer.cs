using System.Diagnostics;
using Digits.Core.Metrics;
using Digits.Core.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training;

public sealed record TrainingOutcome(TrainingState State, bool Cancelled, bool StoppedEarly);

/// <summary>
/// The training loop: reshuffles every epoch, augments on the fly, validates after each epoch, follows the
/// recipe's learning rate schedule, averages weights, stops early, and keeps the best weights (by validation loss).
/// Every random source is seeded from the run's seed and the epoch number, so a resumed run continues exactly
/// as an uninterrupted one would.
/// </summary>
/// <param name="average">A second instance of the model to hold the weight average, when the recipe averages.</param>
/// <param name="printed">The printed digits to show, when the options ask for them.</param>
public sealed class Trainer(nn.Module<Tensor, Tensor> model, nn.Module<Tensor, Tensor>? average, DataSplit data, TrainingOptions options,
    Checkpoint checkpoint, PrintedDigits? printed)
{
    private readonly WeightAverage? _average = average is null
        ? null
        : new WeightAverage(model, average, options.WeightAveraging ?? throw new ArgumentException("The recipe does not average weights."));

    private static readonly string[] DigitNames = Enumerable.Range(0, 10).Select(i => i.ToString()).ToArray();

    public event Action<BatchProgress>? BatchCompleted;
    public event Action<EpochRecord, bool>? EpochCompleted;

    public TrainingOutcome Run(bool resume, CancellationToken cancellation)
    {
        var optimizer = CreateOptimizer();
        var state = TrainingState.Initial(options.LearningRate);
        if (resume)
        {
            state = checkpoint.ReadState();
            checkpoint.LoadLast(model, optimizer, _average?.Model);
        }
        _average?.Start(state.EpochsDone * (long)BatchesPerEpoch);
        var evaluated = _average?.Model ?? model;
        var plateau = options.Schedule == LearningRateSchedule.ReduceOnPlateau && options.PlateauPatience is { } patience
            ? optim.lr_scheduler.ReduceLROnPlateau(optimizer, factor: options.PlateauFactor, patience: patience, min_lr: [1e-5])
            : null;
        SetLearningRate(optimizer, state.LearningRate);

        var stoppedEarly = false;
        for (var epoch = state.EpochsDone + 1; epoch <= options.Epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            var epochSeed = options.Seed + 7919L * epoch;
            random.manual_seed(epochSeed);
            using var shuffle = new Generator((ulong)epochSeed);
            var train = TrainEpoch(optimizer, epoch, shuffle, cancellation);
            if (train is null) return new TrainingOutcome(state, Cancelled: true, StoppedEarly: false);

            var (valLoss, valAccuracy) = Measure(evaluated, data.Validation);
            var seconds = clock.Elapsed.TotalSeconds;
            var learningRate = optimizer.ParamGroups.First().LearningRate;
            var record = new EpochRecord(epoch, train.Value.Loss, train.Value.Accuracy, valLoss, valAccuracy, seconds, learningRate);
            var improved = valLoss < state.BestValLoss;
            state = state with
            {
                EpochsDone = epoch,
                BestValLoss = improved ? valLoss : state.BestValLoss,
                BestEpoch = improved ? epoch : state.BestEpoch,
                EpochsWithoutImprovement = improved ? 0 : state.EpochsWithoutImprovement + 1,
                Seconds = state.Seconds + seconds,
                History = [.. state.History, record],
            };
            plateau?.step(valLoss);
            state = state with { LearningRate = optimizer.ParamGroups.First().LearningRate };
            checkpoint.SaveEpoch(model, optimizer, _average?.Model, state, improved);
            EpochCompleted?.Invoke(record, improved);

            if (options.EarlyStoppingPatience is { } limit && state.EpochsWithoutImprovement >= limit)
            {
                stoppedEarly = true;
                break;
            }
        }
        // Only recipes that validate on a held-out split choose their best epoch; the others keep their final weights,
        // so that a model validated on its test set is not also selected on it.
        if (options.KeepsBestWeights) checkpoint.LoadBest(evaluated);
        if (_average is not null) WeightAverage.CopyTo(_average.Model, model);
        return new TrainingOutcome(state, Cancelled: false, stoppedEarly);
    }

    private (double Loss, double Accuracy)? TrainEpoch(OptimizerHelper optimizer, int epoch, Generator shuffle, CancellationToken cancellation)
    {
        model.train();
        var augmentation = options.Augment || options.Elastic ? new Augmentation(shuffle, options.Augment, options.Elastic) : null;
        var robust = options.Robust ? new RobustAugmentation(shuffle) : null;
        var lowResolution = options.LowResolution ? new LowResolutionAugmentation(shuffle) : null;
        var notOneDigit = options.NotDigits ? new NotOneDigitSynthesis(shuffle) : null;
        var printedDigits = options.PrintedDigits
            ? new PrintedDigitSynthesis(printed ?? throw new ArgumentException("The options ask for printed digits.", nameof(printed)), shuffle)
            : null;
        var count = data.Train.Count;
        var batches = BatchesPerEpoch;
        using var order = randperm(count, generator: shuffle);
        double lossSum = 0;
        long correct = 0;
        for (var batch = 0; batch < batches; batch++)
        {
            if (cancellation.IsCancellationRequested) return null;
            using var scope = NewDisposeScope();
            var start = batch * options.BatchSize;
            var indices = order.narrow(0, start, Math.Min(options.BatchSize, count - start));
            var inputs = data.Train.Inputs.index_select(0, indices);
            var labels = data.Train.Labels.index_select(0, indices);
            if (printedDigits is not null) inputs = printedDigits.Apply(inputs, labels);
            if (notOneDigit is not null) (inputs, labels) = notOneDigit.Apply(inputs, labels);
            if (augmentation is not null) inputs = augmentation.Apply(inputs);
            if (robust is not null) inputs = robust.Apply(inputs);
            if (lowResolution is not null) inputs = lowResolution.Apply(inputs);

            if (options.Schedule == LearningRateSchedule.OneCycle)
                SetLearningRate(optimizer, OneCycle.LearningRate(options.LearningRate, (epoch - 1L) * batches + batch, (long)options.Epochs * batches));
            optimizer.zero_grad();
            var logits = model.forward(inputs);
            var loss = nn.functional.cross_entropy(logits, labels, label_smoothing: options.LabelSmoothing);
            loss.backward();
            optimizer.step();
            _average?.Update();

            lossSum += loss.item<float>() * indices.shape[0];
            correct += logits.argmax(1).eq(labels).sum().item<long>();
            var seen = Math.Min((batch + 1) * options.BatchSize, count);
            BatchCompleted?.Invoke(new BatchProgress(epoch, options.Epochs, batch + 1, batches, lossSum / seen, (double)correct / seen));
        }
        return (lossSum / count, (double)correct / count);
    }

    private int BatchesPerEpoch => (data.Train.Count + options.BatchSize - 1) / options.BatchSize;

    private OptimizerHelper CreateOptimizer() => options.Optimizer switch
    {
        OptimizerKind.Adam => optim.Adam(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay),
        OptimizerKind.AdamW => optim.AdamW(model.parameters(), options.LearningRate, weight_decay: options.WeightDecay),
        _ => throw new ArgumentOutOfRangeException(nameof(options)),
    };

    private static (double Loss, double Accuracy) Measure(nn.Module<Tensor, Tensor> evaluated, TensorSet set)
    {
        var metrics = Evaluation.Compute(Inference.Probabilities(evaluated, set.Inputs), set.Images.Labels, DigitNames);
        return (metrics.Loss, metrics.Accuracy);
    }

    private static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups) group.LearningRate = learningRate;
    }
}
