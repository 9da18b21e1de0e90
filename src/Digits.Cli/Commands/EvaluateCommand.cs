using System.CommandLine;
using Digits.Cli.Output;
using Digits.Core.Models;
using Digits.Training;

namespace Digits.Cli.Commands;

/// <summary>`digits evaluate [--model NAME[@VERSION]] [--json]`: the test metrics of a saved model, computed afresh.</summary>
public static class EvaluateCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "NAME or NAME@VERSION (default: the newest model)" };
        var command = new Command("evaluate", "Compute a saved model's metrics on its held-out test set")
        {
            model, CommonOptions.Json,
        };
        command.SetAction(result => Failures.Guard(() =>
        {
            var store = CommonOptions.Store(result);
            var folder = store.Resolve(result.GetValue(model));
            var metadata = store.ReadMetadata(folder);
            var metrics = StoredModelEvaluator.Evaluate(folder, metadata, CommonOptions.Fetcher(result));
            if (result.GetValue(CommonOptions.Json))
                Console.WriteLine(DigitsJson.Serialize(metrics));
            else
                MetricsTable.Write(metadata, metrics, folder);
            return 0;
        }));
        return command;
    }
}
