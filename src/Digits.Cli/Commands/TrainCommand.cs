using System.CommandLine;
using Digits.Cli.Output;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Data;
using Digits.Training;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits train --model RECIPE ...`: trains a recipe, with the flags given overriding its options, and publishes the model.</summary>
public static class TrainCommand
{
    private static readonly Option<string> Recipe = new("--model", "-m") { Description = "Which recipe to train", Required = true };
    private static readonly Option<string?> Dataset = new("--dataset") { Description = "Train on another data set (28x28 recipes: mnist or fashion-mnist)" };
    private static readonly Option<string?> Name = new("--name")
    {
        Description = "Publish under this name (default: the recipe's, and RECIPE-DATASET on a data set not its own)",
    };
    private static readonly Option<int?> Epochs = Positive("--epochs", "Number of epochs (default: the recipe's)");
    private static readonly Option<int?> BatchSize = Positive("--batch-size", "Mini-batch size (default: the recipe's)");
    private static readonly Option<double?> LearningRate = new("--lr") { Description = "Learning rate, the peak one for one-cycle recipes (default: the recipe's)" };
    private static readonly Option<int?> Seed = new("--seed") { Description = $"Seed for every random source (default: {TrainingOptions.DefaultSeed})" };
    private static readonly Option<bool?> Augment = new("--augment") { Description = "Random rotation, zoom and translation (default: the recipe's)" };
    private static readonly Option<bool?> Elastic = new("--elastic") { Description = "Random elastic distortion: strokes bent by a smooth displacement field (default: the recipe's)" };
    private static readonly Option<bool?> Robust = new("--robust")
    {
        Description = "Random changes real photos bring, after preprocessing: thicker or thinner strokes, blur, uneven ink, gaps, covers (default: the recipe's)",
    };
    private static readonly Option<bool?> LowResolution = new("--low-resolution")
    {
        Description = "Show some training digits as low-resolution scans look once enlarged (default: the recipe's)",
    };
    private static readonly Option<bool?> NotDigits = new("--not-digits")
    {
        Description = "Also learn an answer for what is not one digit (touching digits, a piece of one), with which reading a number chooses its cuts (default: the recipe's)",
    };
    private static readonly Option<bool?> PrintedDigits = new("--printed-digits")
    {
        Description = "Show some training digits printed in typefaces of Debian font packages other than the evaluation's (default: the recipe's)",
    };
    private static readonly Option<bool?> ShiftViews = new("--shift-views")
    {
        Description = "Publish the model averaging its answers over each image and its one-pixel shifts left, right, up and down " +
                      "(test-time augmentation inside the ONNX graph: 5 times the inference work; training is unchanged, so --resume may add it)",
    };
    private static readonly Option<int?> Limit = Positive("--limit", "Train on the first N training images only (quick runs)");
    private static readonly Option<int?> Ensemble = Positive("--ensemble", "Train N models with seeds SEED..SEED+N-1 and publish them as one model averaging their probabilities");
    private static readonly Option<bool> Resume = new("--resume") { Description = "Continue the interrupted run of this model from its checkpoint" };
    private static readonly Option<bool> Restart = new("--restart")
    {
        Description = "Start afresh even though an interrupted run of this model is saved, deleting its checkpoint (without it, such a run is never deleted)",
    };
    private static readonly Option<string?> InitFrom = new("--init-from")
    {
        Description = "Fine-tune this published model (NAME@VERSION, or NAME for its newest) on --data, and publish a new version of its name (or --name) " +
                      "that names its parent and data. Starts from the parent's options with 3 epochs at a tenth of its learning rate; flags override them",
    };
    private static readonly Option<DirectoryInfo?> Data = new("--data")
    {
        Description = "With --init-from: a folder of labelled images, DIR/LABEL/*.png (photos, scans or './digits feedback export' output); " +
                      "60 % trains, 20 % validates, 20 % tests, stratified",
    };
    private static readonly Option<double> DataShare = new("--data-share")
    {
        Description = $"With --init-from: the share of training images from --data, the rest MNIST so that it is not forgotten (default: {FineTuningPlan.DefaultDataShare})",
        DefaultValueFactory = _ => FineTuningPlan.DefaultDataShare,
    };

    /// <summary>The options are shared by every command tree built, so their rules are added once.</summary>
    static TrainCommand()
    {
        Recipe.AcceptOnlyFromAmong([.. Recipes.Ids]);
        Dataset.AcceptOnlyFromAmong([.. DatasetCatalog.Names]);
        LearningRate.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } rate && !(rate > 0 && double.IsFinite(rate)))
                result.AddError($"--lr must be a positive number, not {rate}.");
        });
    }

    public static Command Create()
    {
        var command = new Command("train", "Train a model, evaluate it on the held-out test set and write its artifacts")
        {
            Recipe, Dataset, Name, Epochs, BatchSize, LearningRate, Seed, Augment, Elastic, Robust, LowResolution, NotDigits, PrintedDigits, ShiftViews, Limit, Ensemble, Resume, Restart, InitFrom, Data, DataShare,
        };
        command.SetAction((result, cancellation) => Failures.Guard(() => Train(result, cancellation)));
        return command;
    }

    /// <summary>A digit model's report shows how it reads real-world images beside MNIST; without the set's sources it says why not.</summary>
    private static void MeasureRealWorld(ParseResult result, TrainedModel trained)
    {
        try
        {
            RealWorldInputs.Print(RealWorldInputs.Measure(trained.Folder, trained.Metadata, RealWorldInputs.Build(result)), trained.Metadata.Metrics.Test);
        }
        catch (DataFetchException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]Not measured on real-world images:[/] {e.Message} ('./digits evaluate --realworld' measures it later.)");
        }
    }

    private static void WriteFineTuning(FineTuneSummary tune)
    {
        var table = new Table().Title($"fine-tuned from {Markup.Escape(tune.Parent)}").AddColumns("accuracy on", "before", "after");
        table.AddRow($"the test part of {Markup.Escape(tune.Data)} ({tune.DataSplit.Test:N0} images)", $"{tune.DataTestAccuracyBefore:P2}", $"[bold]{tune.DataTestAccuracyAfter:P2}[/]");
        table.AddRow("MNIST test (10,000 images)", $"{tune.MnistTestAccuracyBefore:P2}", $"{tune.MnistTestAccuracyAfter:P2}");
        AnsiConsole.Write(table);
    }

    private static FineTuningPlan FineTuningPlanFrom(ParseResult result, ModelRecipe recipe)
    {
        if (result.GetValue(InitFrom) is not { } parent || result.GetValue(Data) is not { } data)
            throw new InvalidTrainingOptionsException("A fine-tune needs both --init-from NAME@VERSION (the model to start from) and --data DIR (the images to learn from).");
        if (result.GetValue(Resume) || result.GetValue(Dataset) is not null)
            throw new InvalidTrainingOptionsException("A fine-tune learns from --data mixed with the parent's data set; --resume and --dataset do not apply.");
        return FineTuningPlan.Create(CommonOptions.Store(result), recipe, parent, data.FullName, result.GetValue(DataShare),
            options => Overridden(result, options), result.GetValue(Name));
    }

    private static Option<int?> Positive(string name, string description)
    {
        var option = new Option<int?>(name) { Description = description };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } value && value <= 0) result.AddError($"{name} must be a positive number, not {value}.");
        });
        return option;
    }

    /// <summary>The recipe's options with every flag the user gave put over them.</summary>
    public static TrainingOptions Overridden(ParseResult result, TrainingOptions options) => options with
    {
        Epochs = result.GetValue(Epochs) ?? options.Epochs,
        BatchSize = result.GetValue(BatchSize) ?? options.BatchSize,
        LearningRate = result.GetValue(LearningRate) ?? options.LearningRate,
        Seed = result.GetValue(Seed) ?? options.Seed,
        Augment = result.GetValue(Augment) ?? options.Augment,
        Elastic = result.GetValue(Elastic) ?? options.Elastic,
        Robust = result.GetValue(Robust) ?? options.Robust,
        LowResolution = result.GetValue(LowResolution) ?? options.LowResolution,
        NotDigits = result.GetValue(NotDigits) ?? options.NotDigits,
        PrintedDigits = result.GetValue(PrintedDigits) ?? options.PrintedDigits,
        ShiftViews = result.GetValue(ShiftViews) ?? options.ShiftViews,
        Limit = result.GetValue(Limit) ?? options.Limit,
        Ensemble = result.GetValue(Ensemble) ?? options.Ensemble,
    };

    private static int Train(ParseResult result, CancellationToken cancellation)
    {
        var recipe = Recipes.Get(result.GetValue(Recipe)!);
        var run = new TrainingRun(CommonOptions.Store(result), CommonOptions.Fetcher(result));
        if (result.GetValue(Resume) && result.GetValue(Restart)) throw new InvalidTrainingOptionsException("--resume continues a saved run and --restart deletes it: choose one.");
        var trained = TrainingDisplay.Run(run, () =>
        {
            if (result.GetValue(InitFrom) is not null || result.GetValue(Data) is not null)
                return run.FineTune(FineTuningPlanFrom(result, recipe), cancellation, result.GetValue(Restart));
            if (result.GetValue(Resume))
                return run.Resume(result.GetValue(Name) ?? TrainingPlan.DefaultName(recipe, result.GetValue(Dataset) ?? recipe.DefaultDataset),
                    result.GetValue(ShiftViews), cancellation);
            var plan = TrainingPlan.Create(recipe, Overridden(result, recipe.Options), result.GetValue(Dataset), result.GetValue(Name));
            return result.GetValue(Restart) ? run.Restart(plan, cancellation) : run.Run(plan, cancellation);
        });
        if (trained is null) return 130;
        MetricsTable.Write(trained.Metadata, trained.Metadata.Metrics.Test, trained.Folder);
        if (trained.Metadata.FineTuning is { } tune) WriteFineTuning(tune);
        // A folder fine-tuned on may hold what the real-world set is made from, so a fine-tuned model is not measured on it as if held out.
        else if (trained.Metadata.Spec.ReadsDigitImages) MeasureRealWorld(result, trained);
        AnsiConsole.MarkupLineInterpolated($"[green]Saved[/] {trained.Folder}");
        return 0;
    }
}
