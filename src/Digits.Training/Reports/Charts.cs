using Digits.Core.Metrics;
using Digits.Core.Models;
using ScottPlot;

namespace Digits.Training.Reports;

/// <summary>The report's charts, drawn with ScottPlot.</summary>
public static class Charts
{
    private const int Width = 800;
    private const int Height = 500;

    public static void Curves(string path, IReadOnlyList<EpochRecord> history, bool accuracy)
    {
        var plot = new Plot();
        var epochs = history.Select(h => (double)h.Epoch).ToArray();
        var train = plot.Add.Scatter(epochs, history.Select(h => accuracy ? h.TrainAccuracy * 100 : h.TrainLoss).ToArray());
        train.LegendText = "train";
        var validation = plot.Add.Scatter(epochs, history.Select(h => accuracy ? h.ValAccuracy * 100 : h.ValLoss).ToArray());
        validation.LegendText = "validation";
        plot.Title(accuracy ? "Accuracy per epoch" : "Loss per epoch");
        plot.XLabel("epoch");
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic { IntegerTicksOnly = true };
        plot.YLabel(accuracy ? "accuracy (%)" : "cross-entropy loss");
        plot.ShowLegend(accuracy ? Alignment.LowerRight : Alignment.UpperRight);
        Save(plot, path);
    }

    public static void ConfusionMatrix(string path, int[][] matrix, IReadOnlyList<string> labels)
    {
        var classes = matrix.Length;
        var plot = new Plot();
        // Log scale keeps the off-diagonal errors visible beside diagonals a hundred times larger.
        var intensity = new double[classes, classes];
        for (var row = 0; row < classes; row++)
            for (var column = 0; column < classes; column++)
                intensity[row, column] = Math.Log10(1 + matrix[row][column]);
        var heatmap = plot.Add.Heatmap(intensity);
        heatmap.Colormap = new ScottPlot.Colormaps.Blues().Reversed();
        // ScottPlot places the extent's edges at the centers of the outer cells.
        heatmap.Extent = new CoordinateRect(0, classes - 1, 0, classes - 1);
        var max = intensity.Cast<double>().Max();
        for (var row = 0; row < classes; row++)
            for (var column = 0; column < classes; column++)
            {
                var text = plot.Add.Text(matrix[row][column].ToString(), column, row);
                text.LabelFontSize = 13;
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = intensity[row, column] > max * 0.6 ? Colors.White : Colors.Black;
            }
        var ticks = Enumerable.Range(0, classes).Select(i => new Tick(i, labels[i])).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.SetLimits(-0.5, classes - 0.5, classes - 0.5, -0.5);
        plot.Title("Confusion matrix (rows: true, columns: predicted)");
        plot.XLabel("predicted");
        plot.YLabel("true");
        Save(plot, path, 700, 650);
    }

    public static void Reliability(string path, IReadOnlyList<CalibrationBin> bins, double ece)
    {
        var plot = new Plot();
        var used = bins.Where(b => b.Count > 0).ToArray();
        var bars = used.Select(b => new Bar
        {
            Position = (b.Lower + b.Upper) / 2,
            Value = b.Accuracy,
            Size = (b.Upper - b.Lower) * 0.9,
        }).ToArray();
        plot.Add.Bars(bars);
        var diagonal = plot.Add.Line(0, 0, 1, 1);
        diagonal.LinePattern = LinePattern.Dashed;
        diagonal.LegendText = "perfect calibration";
        var confidence = plot.Add.Scatter(used.Select(b => b.MeanConfidence).ToArray(), used.Select(b => b.Accuracy).ToArray());
        confidence.LegendText = "accuracy at mean confidence";
        plot.Axes.SetLimits(0, 1, 0, 1.05);
        plot.Title($"Reliability diagram (ECE {ece:P2}, {bins.Count} bins)");
        plot.XLabel("confidence");
        plot.YLabel("accuracy");
        plot.ShowLegend(Alignment.UpperLeft);
        Save(plot, path);
    }

    public static void ClassBalance(string path, int[] counts, IReadOnlyList<string> labels, string title)
    {
        var plot = new Plot();
        plot.Add.Bars(counts.Select(c => (double)c).ToArray());
        var ticks = Enumerable.Range(0, counts.Length).Select(i => new Tick(i, labels[i])).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        plot.YLabel("images");
        Save(plot, path);
    }

    private static void Save(Plot plot, string path, int width = Width, int height = Height)
    {
        var temporary = Core.Data.AtomicFile.TemporaryNameFor(path) + ".png";
        plot.SavePng(temporary, width, height);
        File.Move(temporary, path, overwrite: true);
    }
}
