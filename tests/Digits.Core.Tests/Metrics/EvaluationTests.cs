using Digits.Core.Metrics;

namespace Digits.Core.Tests.Metrics;

public sealed class EvaluationTests
{
    private static readonly string[] ThreeClasses = ["a", "b", "c"];

    /// <summary>
    /// Six samples, true a a b b c c, predicted a b b b c a:
    /// a: precision 1/2, recall 1/2; b: precision 2/3, recall 1; c: precision 1, recall 1/2.
    /// </summary>
    private static EvaluationMetrics HandComputedCase()
    {
        float[] probabilities =
        [
            0.8f, 0.1f, 0.1f,
            0.3f, 0.6f, 0.1f,
            0.1f, 0.8f, 0.1f,
            0.2f, 0.7f, 0.1f,
            0.1f, 0.1f, 0.8f,
            0.5f, 0.1f, 0.4f,
        ];
        return Evaluation.Compute(probabilities, new byte[] { 0, 0, 1, 1, 2, 2 }, ThreeClasses);
    }

    [Fact]
    public void Accuracy_and_confusion_matrix()
    {
        var metrics = HandComputedCase();
        Assert.Equal(4.0 / 6, metrics.Accuracy, 12);
        Assert.Equal([[1, 1, 0], [0, 2, 0], [1, 0, 1]], metrics.ConfusionMatrix);
    }

    [Fact]
    public void Per_class_precision_recall_f1_and_support()
    {
        var metrics = HandComputedCase();
        Assert.Equal(0.5, metrics.PerClass[0].Precision, 12);
        Assert.Equal(0.5, metrics.PerClass[0].Recall, 12);
        Assert.Equal(2.0 / 3, metrics.PerClass[1].Precision, 12);
        Assert.Equal(1.0, metrics.PerClass[1].Recall, 12);
        Assert.Equal(0.8, metrics.PerClass[1].F1, 12);
        Assert.Equal(2.0 / 3, metrics.PerClass[2].F1, 12);
        Assert.All(metrics.PerClass, c => Assert.Equal(2, c.Support));
    }

    [Fact]
    public void Macro_and_weighted_averages()
    {
        var metrics = HandComputedCase();
        Assert.Equal((0.5 + 2.0 / 3 + 1) / 3, metrics.Macro.Precision, 12);
        Assert.Equal((0.5 + 0.8 + 2.0 / 3) / 3, metrics.Macro.F1, 12);
        Assert.Equal(metrics.Macro.Recall, metrics.Weighted.Recall, 12);
    }

    [Fact]
    public void Loss_is_the_mean_negative_log_probability_of_the_true_class()
    {
        var expected = -(Math.Log(0.8) + Math.Log(0.3) + Math.Log(0.8) + Math.Log(0.7) + Math.Log(0.8) + Math.Log(0.4)) / 6;
        Assert.Equal(expected, HandComputedCase().Loss, 6);
    }

    [Fact]
    public void A_class_never_predicted_has_zero_precision_not_a_division_by_zero()
    {
        var metrics = Evaluation.Compute([0.9f, 0.1f, 0.9f, 0.1f], new byte[] { 0, 1 }, ["x", "y"]);
        Assert.Equal(0, metrics.PerClass[1].Precision);
        Assert.Equal(0, metrics.PerClass[1].F1);
    }

    [Fact]
    public void Expected_calibration_error_by_hand()
    {
        // Two samples in the (0.8, 0.867] bin, one right (acc 0.5, conf 0.8); one in the last bin, right (acc 1, conf 1).
        var bins = Calibration.Bins([0.8, 0.8, 1.0], [true, false, true]);
        Assert.Equal(15, bins.Count);
        Assert.Equal(2, bins.Sum(b => b.Count == 2 ? 2 : 0));
        Assert.Equal(2.0 / 3 * 0.3, Calibration.ExpectedCalibrationError(bins), 12);
    }

    [Fact]
    public void A_perfectly_calibrated_model_has_zero_error()
    {
        var bins = Calibration.Bins([1.0, 1.0, 1.0], [true, true, true]);
        Assert.Equal(0, Calibration.ExpectedCalibrationError(bins), 12);
    }
}
