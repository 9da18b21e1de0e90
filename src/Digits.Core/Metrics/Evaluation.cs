namespace Digits.Core.Metrics;

/// <summary>Turns predicted probabilities and true labels into the full set of classification metrics.</summary>
public static class Evaluation
{
    private const double ProbabilityFloor = 1e-12;

    /// <param name="probabilities">Row-major, one row of <paramref name="labelNames"/>.Count probabilities per sample.</param>
    public static EvaluationMetrics Compute(ReadOnlySpan<float> probabilities, IReadOnlyList<byte> trueLabels, IReadOnlyList<string> labelNames)
    {
        var classes = labelNames.Count;
        var count = trueLabels.Count;
        if (count == 0) throw new ArgumentException("Cannot evaluate on zero samples.", nameof(trueLabels));
        if (probabilities.Length != count * classes)
            throw new ArgumentException($"Expected {count * classes} probabilities, got {probabilities.Length}.", nameof(probabilities));

        var predicted = new int[count];
        var confidences = new double[count];
        var lossSum = 0.0;
        for (var i = 0; i < count; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            predicted[i] = ArgMax(row);
            confidences[i] = row[predicted[i]];
            lossSum -= Math.Log(Math.Max(row[trueLabels[i]], ProbabilityFloor));
        }
        var trueAsInts = trueLabels.Select(l => (int)l).ToArray();
        var matrix = ConfusionMatrix(trueAsInts, predicted, classes);
        var correct = predicted.Select((p, i) => p == trueAsInts[i]).ToArray();
        var bins = Calibration.Bins(confidences, correct);
        return FromConfusionMatrix(matrix, labelNames, lossSum / count, Calibration.ExpectedCalibrationError(bins)) with { Reliability = bins };
    }

    public static int ArgMax(ReadOnlySpan<float> row)
    {
        var best = 0;
        for (var c = 1; c < row.Length; c++)
            if (row[c] > row[best]) best = c;
        return best;
    }

    /// <summary>Rows are true classes, columns predicted classes.</summary>
    public static int[][] ConfusionMatrix(IReadOnlyList<int> trueLabels, IReadOnlyList<int> predicted, int classes)
    {
        var matrix = Enumerable.Range(0, classes).Select(_ => new int[classes]).ToArray();
        for (var i = 0; i < trueLabels.Count; i++) matrix[trueLabels[i]][predicted[i]]++;
        return matrix;
    }

    public static EvaluationMetrics FromConfusionMatrix(int[][] matrix, IReadOnlyList<string> labelNames, double loss, double ece)
    {
        var classes = matrix.Length;
        var total = matrix.Sum(row => row.Sum());
        var perClass = new ClassMetrics[classes];
        for (var c = 0; c < classes; c++)
        {
            var truePositives = matrix[c][c];
            var support = matrix[c].Sum();
            var predictedCount = matrix.Sum(row => row[c]);
            var precision = SafeDivide(truePositives, predictedCount);
            var recall = SafeDivide(truePositives, support);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass[c] = new ClassMetrics(labelNames[c], precision, recall, f1, support);
        }
        var macro = new AveragedMetrics(perClass.Average(m => m.Precision), perClass.Average(m => m.Recall), perClass.Average(m => m.F1));
        var weighted = new AveragedMetrics(
            SafeDivide(perClass.Sum(m => m.Precision * m.Support), total),
            SafeDivide(perClass.Sum(m => m.Recall * m.Support), total),
            SafeDivide(perClass.Sum(m => m.F1 * m.Support), total));
        var accuracy = SafeDivide(Enumerable.Range(0, classes).Sum(c => matrix[c][c]), total);
        return new EvaluationMetrics(accuracy, loss, ece, perClass, macro, weighted, matrix);
    }

    private static double SafeDivide(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
