using System.Globalization;
using System.Text;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Core.Metrics;
using Digits.Core.Models;

namespace Digits.Training.Reports;

/// <summary>Writes report.md and its pictures: curves, confusion matrix, misclassified gallery, reliability diagram.</summary>
public static class ReportWriter
{
    private static readonly string AccuracyChart = ReportPictures.Accuracy.File;
    private static readonly string LossChart = ReportPictures.Loss.File;
    private static readonly string ConfusionChart = ReportPictures.Confusion.File;
    private static readonly string MisclassifiedGallery = ReportPictures.Misclassified.File;
    private static readonly string ReliabilityChart = ReportPictures.Reliability.File;
    private const int GalleryLimit = 40;

    public static void Write(string folder, ModelMetadata metadata, LabeledImages test, float[] probabilities)
    {
        var metrics = metadata.Metrics.Test;
        Charts.Curves(Path.Combine(folder, AccuracyChart), metadata.History, accuracy: true);
        Charts.Curves(Path.Combine(folder, LossChart), metadata.History, accuracy: false);
        Charts.ConfusionMatrix(Path.Combine(folder, ConfusionChart), metrics.ConfusionMatrix, metadata.Labels);
        var (confidences, correct, misclassified) = Outcomes(test, probabilities, metadata.Labels);
        Charts.Reliability(Path.Combine(folder, ReliabilityChart), Calibration.Bins(confidences, correct), metrics.Ece);
        ImageGrid.SavePng(Path.Combine(folder, MisclassifiedGallery), misclassified.Take(GalleryLimit).ToArray(),
            $"Misclassified test images: {misclassified.Count} of {test.Count} (true -> predicted, confidence)",
            maxValue: test.MaxPixelValue);
        AtomicFile.WriteAllText(Path.Combine(folder, ModelFiles.Report), Markdown(metadata, misclassified.Count));
    }

    private static (double[] Confidences, bool[] Correct, List<GridTile> Misclassified) Outcomes(
        LabeledImages test, float[] probabilities, IReadOnlyList<string> labels)
    {
        var classes = labels.Count;
        var confidences = new double[test.Count];
        var correct = new bool[test.Count];
        var misclassified = new List<(float Confidence, GridTile Tile)>();
        for (var i = 0; i < test.Count; i++)
        {
            var row = probabilities.AsSpan(i * classes, classes);
            var predicted = Evaluation.ArgMax(row);
            confidences[i] = row[predicted];
            correct[i] = predicted == test.Labels[i];
            if (!correct[i])
                misclassified.Add((row[predicted], new GridTile(test.Image(i).ToArray(), test.Rows,
                    $"{labels[test.Labels[i]]} -> {labels[predicted]} ({row[predicted] * 100:0}%)", Highlight: row[predicted] > 0.9f)));
        }
        // The most confident mistakes first: they are the ones worth a look.
        return (confidences, correct, misclassified.OrderByDescending(m => m.Confidence).Select(m => m.Tile).ToList());
    }

    private static string ScheduleDescription(TrainingOptions options) => options.Schedule switch
    {
        LearningRateSchedule.ReduceOnPlateau => $"reduce on plateau (factor {options.PlateauFactor}, patience {options.PlateauPatience})",
        LearningRateSchedule.OneCycle => $"one cycle (peak {options.LearningRate}, per batch)",
        _ => "constant",
    };

    private static string Markdown(ModelMetadata metadata, int misclassifiedCount)
    {
        var metrics = metadata.Metrics.Test;
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.AppendLine(invariant, $"# {metadata.Name} @ {metadata.Version}");
        text.AppendLine();
        text.AppendLine(invariant, $"{metadata.Architecture}");
        text.AppendLine();
        text.AppendLine("| | |");
        text.AppendLine("|---|---|");
        text.AppendLine(invariant, $"| test accuracy | **{metrics.Accuracy:P2}** ({metadata.Split.Test - misclassifiedCount} of {metadata.Split.Test}) |");
        text.AppendLine(invariant, $"| test loss | {metrics.Loss:F4} |");
        text.AppendLine(invariant, $"| expected calibration error (15 bins) | {metrics.Ece:P2} |");
        text.AppendLine(invariant, $"| parameters | {metadata.Parameters:N0} |");
        var options = metadata.Spec.Options;
        text.AppendLine(invariant, $"| data set | {metadata.Spec.Dataset.Name}: {metadata.Split.Train:N0} train, {metadata.Split.Validation:N0} validation, {metadata.Split.Test:N0} test ({metadata.Split.Method}) |");
        text.AppendLine(invariant, $"| training | {metadata.EpochsRun} epochs in {metadata.TrainSeconds:F0} s, batch {options.BatchSize}, {options.Optimizer} lr {options.LearningRate}, seed {options.Seed}{(options.Augment ? ", augmented" : "")}{(options.Elastic ? ", elastic distortion" : "")} |");
        text.AppendLine(invariant, $"| schedule | {ScheduleDescription(options)}{(options.LabelSmoothing > 0 ? $", label smoothing {options.LabelSmoothing}" : "")}{(options.WeightAveraging is { } decay ? $", weight average (decay {decay})" : "")} |");
        if (metadata.Ensemble is { } ensemble)
            text.AppendLine(invariant, $"| members alone (seeds {string.Join(", ", ensemble.Seeds)}) | {string.Join(", ", ensemble.MemberTestAccuracy.Select(a => a.ToString("P2", invariant)))}: mean {ensemble.MeanMemberAccuracy:P2}, standard deviation {ensemble.MemberAccuracySpread * 100:F2} points |");
        if (metadata.Review is { } review)
            text.AppendLine(invariant, $"| needs review | below confidence {review.Threshold:0.####} (fitted on validation so that answers above it are right {review.TargetPrecision:P1} of the time; it flags {review.ValidationFlagged:P2} there); on the test set it flags {review.TestFlagged:P2} and the others are {review.TestUnflaggedAccuracy:P2} right |");
        if (metadata.FineTuning is { } tune)
            text.AppendLine(invariant, $"| fine-tuned | from {tune.Parent} on {tune.Data} ({tune.DataSplit.Train:N0} train, {tune.DataSplit.Validation:N0} validation, {tune.DataSplit.Test:N0} test, {tune.DataSplit.Method}; {tune.DataShare:P0} of training images from it, the rest {tune.MnistImages:N0} MNIST images): its test part {tune.DataTestAccuracyBefore:P2} before, **{tune.DataTestAccuracyAfter:P2}** after; MNIST test {tune.MnistTestAccuracyBefore:P2} before, {tune.MnistTestAccuracyAfter:P2} after |");
        if (metadata.ShiftViews is { } views)
            text.AppendLine(invariant, $"| shift views | answers averaged over {views.Views} views (the image and its one-pixel shifts); on the image alone: {views.AccuracyWithoutViews:P2} |");
        text.AppendLine();
        text.AppendLine("## Classification report (test set)");
        text.AppendLine();
        text.AppendLine("| class | precision | recall | f1 | support |");
        text.AppendLine("|---|---:|---:|---:|---:|");
        foreach (var c in metrics.PerClass)
            text.AppendLine(invariant, $"| {c.Label} | {c.Precision:F4} | {c.Recall:F4} | {c.F1:F4} | {c.Support} |");
        text.AppendLine(invariant, $"| macro avg | {metrics.Macro.Precision:F4} | {metrics.Macro.Recall:F4} | {metrics.Macro.F1:F4} | {metadata.Split.Test} |");
        text.AppendLine(invariant, $"| weighted avg | {metrics.Weighted.Precision:F4} | {metrics.Weighted.Recall:F4} | {metrics.Weighted.F1:F4} | {metadata.Split.Test} |");
        text.AppendLine();
        text.AppendLine(metadata.Ensemble is null ? "## Training curves" : "## Training curves (first member)");
        text.AppendLine();
        text.AppendLine(invariant, $"![accuracy]({AccuracyChart}) ![loss]({LossChart})");
        text.AppendLine();
        text.AppendLine("| epoch | train loss | train acc | val loss | val acc | lr | seconds |");
        text.AppendLine("|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var h in metadata.History)
            text.AppendLine(invariant, $"| {h.Epoch} | {h.TrainLoss:F4} | {h.TrainAccuracy:P2} | {h.ValLoss:F4} | {h.ValAccuracy:P2} | {h.LearningRate:G3} | {h.Seconds:F1} |");
        text.AppendLine();
        text.AppendLine("## Confusion matrix");
        text.AppendLine();
        text.AppendLine(invariant, $"![confusion matrix]({ConfusionChart})");
        text.AppendLine();
        text.AppendLine("## Misclassified test images");
        text.AppendLine();
        text.AppendLine(invariant, $"![misclassified]({MisclassifiedGallery})");
        text.AppendLine();
        text.AppendLine("## Calibration");
        text.AppendLine();
        if (metadata.Temperature is { } temperature)
        {
            text.AppendLine(invariant, $"Log-probabilities are divided by a temperature of {temperature:F3} before the softmax, fitted on the validation set (never the test set).");
            text.AppendLine();
        }
        if (metadata.Ensemble?.MemberTemperatures is { } temperatures)
        {
            text.AppendLine(invariant, $"Each member divides its log-probabilities by its own temperature before the softmax ({string.Join(", ", temperatures.Select(t => t.ToString("F3", invariant)))}), fitted on its own validation images (never the test set); the ensemble averages the calibrated probabilities.");
            text.AppendLine();
        }
        text.AppendLine(invariant, $"![reliability diagram]({ReliabilityChart})");
        return text.ToString();
    }
}
