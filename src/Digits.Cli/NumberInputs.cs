using System.CommandLine;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Imaging.RealWorld;
using Digits.Inference;
using Digits.Inference.Reading;
using Spectre.Console;

namespace Digits.Cli;

/// <summary>Builds the number evaluation set from its sources and measures how a model reads it through the /read path.</summary>
public static class NumberInputs
{
    public static IReadOnlyList<NumberSample> Build(ParseResult result) =>
        NumberSet.Build(RealWorldInputs.MnistTest(result), RealWorldInputs.Fonts(result));

    public static NumberMetrics Measure(string folder, ModelMetadata metadata, IReadOnlyList<NumberSample> samples)
    {
        using var model = OnnxModel.Load(folder, metadata, intraOpThreads: 1);
        return NumberEvaluation.Summarize(NumberEvaluation.Read(model, samples), NumberSet.DefaultSeed);
    }

    public static void Print(NumberMetrics metrics)
    {
        var table = new Table().Title("numbers (never trained on), read as /read reads them")
            .AddColumns("kind", "numbers", "read exactly", "digits right", "needs review", "exact among the rest");
        foreach (var (kind, figures) in metrics.Kinds)
            table.AddRow(kind, figures.Numbers.ToString(), $"{figures.Exact:P1}", $"{figures.DigitsRight:P1}", $"{figures.Flagged:P1}", $"{figures.UnflaggedExact:P1}");
        table.AddRow("[bold]all[/]", metrics.Kinds.Values.Sum(k => k.Numbers).ToString(), $"[bold]{metrics.Exact:P1}[/]", $"{metrics.DigitsRight:P1}", "", "");
        AnsiConsole.Write(table);
    }
}
