using System.CommandLine;
using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Data;
using Digits.Imaging.RealWorld;
using Digits.Inference;
using Digits.Training;
using Digits.Training.Reports;
using Spectre.Console;

namespace Digits.Cli;

/// <summary>Builds the real-world evaluation set from its sources, measures a model on it and records the result with the model.</summary>
public static class RealWorldInputs
{
    public static IReadOnlyList<RealWorldSample> Build(ParseResult result)
    {
        var fetcher = CommonOptions.Fetcher(result, Log);
        var scans = DatasetCatalog.Get(DatasetCatalog.Digits8x8);
        fetcher.Fetch(scans);
        return RealWorldSet.Build(MnistTest(result), DatasetLoader.Load(fetcher, scans).Train, Fonts(result));
    }

    /// <summary>MNIST's test digits, from which the photos of handwriting are made.</summary>
    public static LabeledImages MnistTest(ParseResult result)
    {
        var fetcher = CommonOptions.Fetcher(result, Log);
        var mnist = DatasetCatalog.Get(DatasetCatalog.Mnist);
        fetcher.Fetch(mnist);
        return DatasetLoader.Load(fetcher, mnist).Test!;
    }

    /// <summary>The typeface files of the pinned Debian font packages.</summary>
    public static IReadOnlyList<string> Fonts(ParseResult result) =>
        FontFetcher.InDataDirectory(FontFetcher.EvaluationPackages, result.GetValue(CommonOptions.DataDirectory), Log).Fetch();

    private static void Log(string message) => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]");

    /// <summary>Measures the model in <paramref name="folder"/> and writes the figures into its metadata and report.</summary>
    public static RealWorldMetrics Measure(string folder, ModelMetadata metadata, IReadOnlyList<RealWorldSample> samples)
    {
        RealWorldMetrics measured;
        using (var model = OnnxModel.Load(folder, metadata, intraOpThreads: 1))
            measured = RealWorldEvaluation.Evaluate(model, samples, RealWorldSet.DefaultSeed);
        var updated = metadata with { Metrics = metadata.Metrics with { RealWorld = measured } };
        RealWorldReport.Write(folder, updated);
        ArtifactWriter.WriteMetadata(folder, updated);
        return measured;
    }

    public static void Print(RealWorldMetrics metrics, EvaluationMetrics test)
    {
        var table = new Table().Title("real-world images (never trained on)").AddColumns("kind", "images", "accuracy", "refused", "needs review", "accuracy of the rest");
        foreach (var (kind, figures) in metrics.Kinds)
            table.AddRow(kind, figures.Images.ToString(), $"{figures.Accuracy:P1}", figures.Refused.ToString(), $"{figures.Flagged:P1}", $"{figures.UnflaggedAccuracy:P2}");
        table.AddRow("[bold]all[/]", metrics.Kinds.Values.Sum(k => k.Images).ToString(), $"[bold]{metrics.Accuracy:P1}[/]",
            metrics.Kinds.Values.Sum(k => k.Refused).ToString(), $"{metrics.Flagged:P1}", $"{metrics.UnflaggedAccuracy:P2}");
        AnsiConsole.Write(table);
        AnsiConsole.MarkupLineInterpolated($"MNIST test accuracy beside it: {test.Accuracy:P2}");
    }
}
