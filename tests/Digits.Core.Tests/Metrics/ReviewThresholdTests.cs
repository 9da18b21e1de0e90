using Digits.Core.Metrics;

namespace Digits.Core.Tests.Metrics;

public sealed class ReviewThresholdTests
{
    /// <summary>Two-class answers: (confidence of class 0, true label).</summary>
    private static (float[] Probabilities, byte[] Labels) Answers(params (float Confidence, byte Label)[] answers) =>
        (answers.SelectMany(a => new[] { a.Confidence, 1 - a.Confidence }).ToArray(), answers.Select(a => a.Label).ToArray());

    [Fact]
    public void The_threshold_is_the_lowest_confidence_above_which_answers_are_right_enough()
    {
        // 1,000 right answers at 0.99 and above, then one wrong at 0.95 and right ones below it.
        var answers = Enumerable.Range(0, 1000).Select(i => (0.99f + i * 1e-5f, (byte)0))
            .Append((0.95f, (byte)1)).Concat(Enumerable.Range(0, 5).Select(i => (0.9f - i * 0.01f, (byte)0))).ToArray();
        var (probabilities, labels) = Answers(answers);
        var threshold = ReviewThreshold.Fit(probabilities, labels, 2);
        // 1,006 answers with one wrong are 99.9 % right: every answer may pass.
        Assert.Equal(0.86f, threshold, 5);
        var (flagged, unflagged) = ReviewThreshold.Measure(probabilities, labels, 2, threshold);
        Assert.Equal(0, flagged);
        Assert.Equal(1005.0 / 1006, unflagged, 6);
    }

    [Fact]
    public void A_mistake_among_few_confident_answers_raises_the_threshold_above_it()
    {
        var (probabilities, labels) = Answers((0.99f, 0), (0.98f, 0), (0.97f, 1), (0.96f, 0));
        Assert.Equal(0.98f, ReviewThreshold.Fit(probabilities, labels, 2), 5);
        var (flagged, unflagged) = ReviewThreshold.Measure(probabilities, labels, 2, 0.98);
        Assert.Equal(0.5, flagged);
        Assert.Equal(1, unflagged);
    }
}
