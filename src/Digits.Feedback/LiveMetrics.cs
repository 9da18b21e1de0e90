using Digits.Core.Metrics;

namespace Digits.Feedback;

/// <summary>
/// How one model version did on live traffic in a window. Accuracy and the per-class figures count only the answers
/// someone gave feedback on (the only ones whose truth is known); the review figures count every answer.
/// </summary>
/// <param name="Flagged">Answers marked needs_review: what a person still has to check.</param>
/// <param name="UnflaggedAccuracy">Among labelled answers not flagged for review: how often an answer nobody checks is right.</param>
/// <param name="Labelled">The per-class precision, recall, F1 and confusion matrix (rows true, columns answered) of labelled digit answers.</param>
/// <param name="ConfidenceCounts">Digit answers per confidence bin, the bins of <see cref="Calibration"/>.</param>
public sealed record LiveMetrics(
    string Model,
    int Predictions,
    int Flagged,
    double FlaggedShare,
    int LabelledCount,
    double? Accuracy,
    int UnflaggedLabelled,
    double? UnflaggedAccuracy,
    int[] PredictionsPerClass,
    EvaluationMetrics? Labelled,
    int[] ConfidenceCounts,
    NumberFigures Numbers);

/// <summary>Whole numbers read (/read): how many, how many labelled, and the share of those read exactly right.</summary>
public sealed record NumberFigures(int Reads, int Labelled, double? Accuracy);

public static class LiveMetricsCalculator
{
    public const int Classes = 10;
    private static readonly string[] LabelNames = Enumerable.Range(0, Classes).Select(c => c.ToString()).ToArray();

    /// <returns>One entry per model version that answered, by model id.</returns>
    public static IReadOnlyList<LiveMetrics> Compute(IEnumerable<StoredPrediction> answers) =>
        answers.GroupBy(a => a.Model).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => ForModel(g.Key, g.ToList())).ToArray();

    private static LiveMetrics ForModel(string model, IReadOnlyList<StoredPrediction> answers)
    {
        var digits = answers.Where(a => !a.IsNumber).ToList();
        var numbers = answers.Where(a => a.IsNumber).ToList();
        var labelled = answers.Where(a => a.Truth is not null).ToList();
        var unflagged = labelled.Where(a => !a.NeedsReview).ToList();
        var flagged = answers.Count(a => a.NeedsReview);

        var perClass = new int[Classes];
        var confidence = new int[Calibration.DefaultBins];
        foreach (var answer in digits)
        {
            perClass[int.Parse(answer.Answer)]++;
            confidence[Calibration.BinOf(answer.Confidence, Calibration.DefaultBins)]++;
        }
        var labelledDigits = digits.Where(a => a.Truth is not null).ToList();
        var labelledNumbers = numbers.Where(a => a.Truth is not null).ToList();
        EvaluationMetrics? metrics = null;
        if (labelledDigits.Count > 0)
        {
            var matrix = Evaluation.ConfusionMatrix(labelledDigits.Select(a => int.Parse(a.Truth!)).ToList(),
                labelledDigits.Select(a => int.Parse(a.Answer)).ToList(), Classes);
            metrics = Evaluation.FromConfusionMatrix(matrix, LabelNames, loss: double.NaN, ece: double.NaN);
        }
        return new LiveMetrics(model, answers.Count, flagged, Share(flagged, answers.Count), labelled.Count, Accuracy(labelled),
            unflagged.Count, Accuracy(unflagged), perClass, metrics, confidence,
            new NumberFigures(numbers.Count, labelledNumbers.Count, Accuracy(labelledNumbers)));
    }

    private static double? Accuracy(IReadOnlyCollection<StoredPrediction> labelled) =>
        labelled.Count == 0 ? null : (double)labelled.Count(a => a.Truth == a.Answer) / labelled.Count;

    private static double Share(int part, int whole) => whole == 0 ? 0 : (double)part / whole;
}
