using System.CommandLine;
using Digits.Cli.Output;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Training;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits up`: the newcomer's command. Fetches MNIST if missing, trains the default model if none exists.</summary>
public static class UpCommand
{
    public const string DefaultModel = "cnn";

    public static Command Create()
    {
        var command = new Command("up", $"Fetch MNIST if missing, train the default model ({DefaultModel}) if there is none, and show its report");
        command.SetAction((result, cancellation) => Failures.Guard(() =>
        {
            var fetcher = CommonOptions.Fetcher(result, message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"));
            fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Mnist));
            var store = CommonOptions.Store(result);
            var existing = store.Find(new ModelReference(DefaultModel, null));
            if (existing is null)
                return TrainCommand.Train(result, new TrainingRequest { Model = DefaultModel }, cancellation);
            var metadata = store.ReadMetadata(existing);
            MetricsTable.Write(metadata, metadata.Metrics.Test, existing);
            return 0;
        }));
        return command;
    }
}
