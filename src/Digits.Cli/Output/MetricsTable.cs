using Digits.Core.Metrics;
using Digits.Core.Models;
using Spectre.Console;

namespace Digits.Cli.Output;

/// <summary>Prints a model's test metrics as readable tables.</summary>
public static class MetricsTable
{
    public static void Write(ModelMetadata metadata, EvaluationMetrics metrics, string folder)
    {
        AnsiConsole.MarkupLineInterpolated(
            $"[bold]{metadata.Name}@{metadata.Version}[/]  test accuracy [green]{metrics.Accuracy:P2}[/]  loss {metrics.Loss:F4}  ECE {metrics.Ece:P2}  ({metadata.Parameters:N0} parameters, {metadata.EpochsRun} epochs, {metadata.TrainSeconds:F0} s)");
        if (metadata.Ensemble is { } ensemble)
            AnsiConsole.MarkupLineInterpolated(
                $"Members alone: {string.Join(", ", ensemble.MemberTestAccuracy.Select(a => a.ToString("P2")))} (mean {ensemble.MeanMemberAccuracy:P2}, standard deviation {ensemble.MemberAccuracySpread * 100:F2} points)");
        if (metadata.ShiftViews is { } views)
            AnsiConsole.MarkupLineInterpolated($"Averaged over {views.Views} shift views; on the images alone: {views.AccuracyWithoutViews:P2}");
        var table = new Table().AddColumns("class", "precision", "recall", "f1", "support");
        foreach (var c in metrics.PerClass)
            table.AddRow(Markup.Escape(c.Label), $"{c.Precision:F4}", $"{c.Recall:F4}", $"{c.F1:F4}", c.Support.ToString());
        var total = metrics.PerClass.Sum(c => c.Support).ToString();
        table.AddRow("[bold]macro avg[/]", $"{metrics.Macro.Precision:F4}", $"{metrics.Macro.Recall:F4}", $"{metrics.Macro.F1:F4}", total);
        table.AddRow("[bold]weighted avg[/]", $"{metrics.Weighted.Precision:F4}", $"{metrics.Weighted.Recall:F4}", $"{metrics.Weighted.F1:F4}", total);
        AnsiConsole.Write(table);

        var confusion = new Table().Title("confusion matrix (rows: true, columns: predicted)").AddColumn("");
        for (var c = 0; c < metrics.ConfusionMatrix.Length; c++) confusion.AddColumn(c.ToString(), col => col.RightAligned());
        for (var row = 0; row < metrics.ConfusionMatrix.Length; row++)
            confusion.AddRow([row.ToString(), .. metrics.ConfusionMatrix[row].Select((n, column) =>
                column == row ? $"[green]{n}[/]" : n == 0 ? "[grey]0[/]" : $"[red]{n}[/]")]);
        AnsiConsole.Write(confusion);
        AnsiConsole.MarkupLineInterpolated($"Report: {Path.Combine(folder, ModelFiles.Report)}");
    }
}
