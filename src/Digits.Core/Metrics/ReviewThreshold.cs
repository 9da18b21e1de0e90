namespace Digits.Core.Metrics;

/// <summary>
/// The confidence below which an answer needs a person to check it, fitted so that the answers above it were
/// right at least <see cref="TargetPrecision"/> of the time on validation data, while flagging as few as possible.
/// </summary>
public static class ReviewThreshold
{
    public const double TargetPrecision = 0.999;

    /// <summary>For models trained before thresholds were fitted: an answer below it is flagged.</summary>
    public const double Unfitted = 0.99;

    public static double Fit(ReadOnlySpan<float> probabilities, IReadOnlyList<byte> labels, int classes)
    {
        var answers = Answers(probabilities, labels, classes).OrderByDescending(a => a.Confidence).ToArray();
        var threshold = 1.0;
        var right = 0;
        for (var i = 0; i < answers.Length; i++)
        {
            if (answers[i].Right) right++;
            // Equal confidences stand or fall together.
            if (i + 1 < answers.Length && answers[i + 1].Confidence == answers[i].Confidence) continue;
            if (right >= TargetPrecision * (i + 1)) threshold = answers[i].Confidence;
        }
        return threshold;
    }

    /// <summary>How a threshold does on a labelled set: the share of answers it flags, and the accuracy of the others.</summary>
    public static (double Flagged, double UnflaggedAccuracy) Measure(ReadOnlySpan<float> probabilities, IReadOnlyList<byte> labels, int classes, double threshold)
    {
        var answers = Answers(probabilities, labels, classes);
        var kept = answers.Where(a => a.Confidence >= threshold).ToArray();
        return (1 - (double)kept.Length / answers.Count, kept.Length == 0 ? 1 : (double)kept.Count(a => a.Right) / kept.Length);
    }

    private static List<(float Confidence, bool Right)> Answers(ReadOnlySpan<float> probabilities, IReadOnlyList<byte> labels, int classes)
    {
        var answers = new List<(float, bool)>(labels.Count);
        for (var i = 0; i < labels.Count; i++)
        {
            var row = probabilities.Slice(i * classes, classes);
            var guess = Evaluation.ArgMax(row);
            answers.Add((row[guess], guess == labels[i]));
        }
        return answers;
    }
}
