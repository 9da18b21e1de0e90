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
        var realWorld = new Option<bool>("--realworld")
        {
            Description = "Also measure it on the real-world set (photos, fonts, 8x8 scans, canvas strokes; made by code, never trained on), " +
                          "through the serving path, and record the figures in its metadata and report",
        };
        var numbers = new Option<bool>("--numbers")
        {
            Description = "Also read the number set (handwritten numbers on photos and in comb fields, printed numbers, canvas writing; " +
                          "made by code, never trained on) as /read does, and report the share read exactly per kind",
        };
        var command = new Command("evaluate", "Compute a saved model's metrics on its held-out test set")
        {
            model, realWorld, numbers, CommonOptions.Json,
        };
        command.SetAction(result => Failures.Guard(() =>
        {
            var store = CommonOptions.Store(result);
            var folder = store.Resolve(result.GetValue(model));
            var metadata = store.ReadMetadata(folder);
            var metrics = StoredModelEvaluator.Evaluate(folder, metadata, CommonOptions.Fetcher(result));
            var measured = result.GetValue(realWorld) ? RealWorldInputs.Measure(folder, metadata, RealWorldInputs.Build(result)) : null;
            var read = result.GetValue(numbers) ? NumberInputs.Measure(folder, metadata, NumberInputs.Build(result)) : null;
            if (result.GetValue(CommonOptions.Json))
                Console.WriteLine(DigitsJson.Serialize(new MetricsSet(metrics, measured, read)));
            else
            {
                MetricsTable.Write(metadata, metrics, folder);
                if (measured is not null) RealWorldInputs.Print(measured, metrics);
                if (read is not null) NumberInputs.Print(read);
            }
            return 0;
        }));
        return command;
    }
}
