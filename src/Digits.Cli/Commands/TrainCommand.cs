using System.CommandLine;
using Digits.Cli.Output;
using Digits.Core.Data;
using Digits.Training;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits train --model NAME ...`: trains one of the recipes and publishes the model.</summary>
public static class TrainCommand
{
    public static Command Create()
    {
        var model = new Option<string>("--model", "-m") { Description = "Which model to train", Required = true };
        model.AcceptOnlyFromAmong([.. Recipes.Names]);
        var dataset = new Option<string?>("--dataset") { Description = "Train on another data set (28x28 models: mnist or fashion-mnist)" };
        dataset.AcceptOnlyFromAmong([.. DatasetCatalog.Names]);
        var epochs = new Option<int?>("--epochs") { Description = "Number of epochs (default: the recipe's)" };
        var batchSize = new Option<int?>("--batch-size") { Description = "Mini-batch size (default: the recipe's)" };
        var learningRate = new Option<double?>("--lr") { Description = "Learning rate, the peak one for one-cycle recipes (default: the recipe's)" };
        var seed = new Option<int>("--seed") { Description = "Seed for every random source", DefaultValueFactory = _ => 42 };
        var augment = new Option<bool?>("--augment") { Description = "Random rotation, zoom and translation (default: the recipe's)" };
        var elastic = new Option<bool?>("--elastic") { Description = "Random elastic distortion: strokes bent by a smooth displacement field (default: the recipe's)" };
        var shiftViews = new Option<bool?>("--shift-views")
        {
            Description = "Publish the model averaging its answers over each image and its one-pixel shifts left, right, up and down " +
                          "(test-time augmentation inside the ONNX graph: 5 times the inference work; training is unchanged, so --resume may add it)",
        };
        var limit = new Option<int?>("--limit") { Description = "Train on the first N training images only (quick runs)" };
        var resume = new Option<bool>("--resume") { Description = "Continue the interrupted run of this model from its checkpoint" };
        var ensemble = new Option<int>("--ensemble")
        {
            Description = "Train N models with seeds SEED..SEED+N-1 and publish them as one model averaging their probabilities",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("train", "Train a model, evaluate it on the held-out test set and write its artifacts")
        {
            model, dataset, epochs, batchSize, learningRate, seed, augment, elastic, shiftViews, limit, resume, ensemble,
        };
        command.SetAction((result, cancellation) => Failures.Guard(() => Train(result, new TrainingRequest
        {
            Model = result.GetValue(model)!,
            Dataset = result.GetValue(dataset),
            Epochs = result.GetValue(epochs),
            BatchSize = result.GetValue(batchSize),
            LearningRate = result.GetValue(learningRate),
            Seed = result.GetValue(seed),
            Augment = result.GetValue(augment),
            Elastic = result.GetValue(elastic),
            ShiftViews = result.GetValue(shiftViews),
            Limit = result.GetValue(limit),
            Resume = result.GetValue(resume),
            Ensemble = result.GetValue(ensemble),
        }, cancellation)));
        return command;
    }

    public static int Train(ParseResult result, TrainingRequest request, CancellationToken cancellation)
    {
        var run = new TrainingRun(CommonOptions.Store(result), CommonOptions.Fetcher(result));
        var trained = TrainingDisplay.Run(run, request, cancellation);
        if (trained is null) return 130;
        MetricsTable.Write(trained.Metadata, trained.Metadata.Metrics.Test, trained.Folder);
        AnsiConsole.MarkupLineInterpolated($"[green]Saved[/] {trained.Folder}");
        return 0;
    }
}
