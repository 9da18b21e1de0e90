namespace Digits.Feedback.Tests;

/// <summary>The live figures on a case small enough to check by hand.</summary>
public sealed class LiveMetricsTests
{
    private static StoredPrediction Answer(string answer, string? truth, bool review, double confidence = 0.99, string endpoint = Endpoints.Predict,
        string model = "m@1") =>
        new(Guid.NewGuid().ToString("N"), DateTimeOffset.UnixEpoch, model, endpoint, answer, confidence, review, [], truth);

    [Fact]
    public void Figures_match_a_hand_checked_case()
    {
        // Six digit answers and two numbers. Labelled: 7->7 right, 1->7 wrong (flagged), 3->3 right, 3->8 wrong; 7 and 2 unlabelled.
        StoredPrediction[] answers =
        [
            Answer("7", "7", review: false),
            Answer("1", "7", review: true, confidence: 0.5),
            Answer("3", "3", review: false),
            Answer("8", "3", review: false),
            Answer("7", null, review: true, confidence: 0.6),
            Answer("2", null, review: false),
            Answer("4217", "4217", review: false, endpoint: Endpoints.Read),
            Answer("55", "56", review: true, endpoint: Endpoints.Read),
            Answer("5", "5", review: false, model: "other@2"),
        ];
        var all = LiveMetricsCalculator.Compute(answers);
        Assert.Equal(["m@1", "other@2"], all.Select(m => m.Model));
        var m = all[0];

        Assert.Equal(8, m.Predictions);
        Assert.Equal(3, m.Flagged);
        Assert.Equal(3 / 8.0, m.FlaggedShare);
        Assert.Equal(6, m.LabelledCount);
        Assert.Equal(3 / 6.0, m.Accuracy);                 // 7, 3 and 4217 right; 1, 8 and 55 wrong
        Assert.Equal(4, m.UnflaggedLabelled);              // 7, 3, 8, 4217
        Assert.Equal(3 / 4.0, m.UnflaggedAccuracy);
        Assert.Equal([0, 1, 1, 1, 0, 0, 0, 2, 1, 0], m.PredictionsPerClass);
        Assert.Equal(new NumberFigures(2, 2, 0.5), m.Numbers);

        var metrics = m.Labelled!;
        Assert.Equal(1, metrics.ConfusionMatrix[7][7]);
        Assert.Equal(1, metrics.ConfusionMatrix[7][1]);
        Assert.Equal(1, metrics.ConfusionMatrix[3][3]);
        Assert.Equal(1, metrics.ConfusionMatrix[3][8]);
        Assert.Equal(4, metrics.ConfusionMatrix.Sum(row => row.Sum()));
        Assert.Equal(0.5, metrics.Accuracy);
        var seven = metrics.PerClass[7];
        Assert.Equal((1.0, 0.5, 2 / 3.0, 2), (seven.Precision, seven.Recall, seven.F1, seven.Support), new Tolerance());
        Assert.Equal(0.0, metrics.PerClass[1].Precision);

        // Confidence bins of 1/15: 0.5 falls in (0.4667, 0.5333], 0.6 in (0.5333, 0.6], 0.99 in the last.
        Assert.Equal(1, m.ConfidenceCounts[7]);
        Assert.Equal(1, m.ConfidenceCounts[8]);
        Assert.Equal(4, m.ConfidenceCounts[14]);
    }

    [Fact]
    public void Without_feedback_accuracy_is_unknown_not_zero()
    {
        var m = LiveMetricsCalculator.Compute([Answer("7", null, review: false)]).Single();
        Assert.Null(m.Accuracy);
        Assert.Null(m.UnflaggedAccuracy);
        Assert.Null(m.Labelled);
    }

    private sealed class Tolerance : IEqualityComparer<(double, double, double, int)>
    {
        public bool Equals((double, double, double, int) a, (double, double, double, int) b) =>
            Math.Abs(a.Item1 - b.Item1) < 1e-9 && Math.Abs(a.Item2 - b.Item2) < 1e-9 && Math.Abs(a.Item3 - b.Item3) < 1e-9 && a.Item4 == b.Item4;

        public int GetHashCode((double, double, double, int) value) => 0;
    }
}

public sealed class AnswerIdTests
{
    [Fact]
    public void An_id_tells_when_it_was_given_and_other_text_tells_nothing()
    {
        var before = DateTimeOffset.UtcNow.AddMilliseconds(-1);
        var issued = StoredPrediction.IssuedAt(StoredPrediction.NewId());
        Assert.InRange(issued!.Value, before, DateTimeOffset.UtcNow.AddMilliseconds(1));
        Assert.Null(StoredPrediction.IssuedAt("not-an-id"));
        Assert.Null(StoredPrediction.IssuedAt(Guid.NewGuid().ToString("N")));
    }
}
