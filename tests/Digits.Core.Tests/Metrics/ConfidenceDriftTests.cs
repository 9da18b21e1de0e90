using Digits.Core.Metrics;

namespace Digits.Core.Tests.Metrics;

public sealed class ConfidenceDriftTests
{
    private static readonly int[] Test = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 2, 3, 5, 10, 978];

    [Fact]
    public void Answers_as_confident_as_on_the_test_set_are_steady()
    {
        int[] live = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 2, 5, 490];
        Assert.True(ConfidenceDrift.StabilityIndex(live, Test) < 0.1);
        Assert.False(ConfidenceDrift.Drifted(live, Test));
    }

    [Fact]
    public void Answers_far_less_confident_are_drift_once_there_are_enough()
    {
        int[] live = [0, 0, 0, 0, 2, 5, 8, 10, 10, 10, 10, 10, 10, 15, 60];
        Assert.True(ConfidenceDrift.StabilityIndex(live, Test) > ConfidenceDrift.ShiftIndex);
        Assert.True(ConfidenceDrift.Drifted(live, Test));
        Assert.False(ConfidenceDrift.Drifted(live.Select(c => c / 10).ToArray(), Test));
    }

    [Fact]
    public void A_known_case_by_hand()
    {
        // Two bins: live 50/50 against test 25/75: (0.5-0.25) ln 2 + (0.5-0.75) ln(2/3) = 0.2747.
        Assert.Equal(0.25 * Math.Log(2) - 0.25 * Math.Log(2 / 3.0), ConfidenceDrift.StabilityIndex([50, 50], [25, 75]), 9);
    }
}
