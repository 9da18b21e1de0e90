using Digits.Imaging.Reading;

namespace Digits.Imaging.Tests.Reading;

/// <summary>Choosing the cuts from the recognizer's scores.</summary>
public sealed class NumberLatticeTests
{
    private static readonly DigitBox Box = new(0, 0, 1, 1);

    /// <summary>One stretch with cut points 0, 1, 2: read as one digit (0-2) or as two (0-1, 1-2); then a lone digit (3-4).</summary>
    private static NumberLattice Lattice() => new(
        [new InkStretch(0, 2), new InkStretch(3, 4)],
        [new(0, 2, Box, []), new(0, 1, Box, []), new(1, 2, Box, []), new(3, 4, Box, [])],
        marksLeftOut: false);

    [Fact]
    public void The_cuts_whose_digits_are_together_most_likely_win()
    {
        var twoDigits = Lattice().Best([Math.Log(0.1), Math.Log(0.99), Math.Log(0.98), Math.Log(0.99)]);
        Assert.Equal([1, 2, 3], twoDigits.Candidates);
        Assert.False(twoDigits.Doubtful);

        var oneDigit = Lattice().Best([Math.Log(0.99), Math.Log(0.5), Math.Log(0.4), Math.Log(0.99)]);
        Assert.Equal([0, 3], oneDigit.Candidates);
    }

    [Fact]
    public void A_costly_cut_loses_to_reading_its_stretch_whole_when_the_digits_read_alike()
    {
        double[] scores = [Math.Log(0.9), Math.Log(0.95), Math.Log(0.95), Math.Log(0.99)];
        NumberLattice Cut(double cost) => new(
            [new InkStretch(0, 2), new InkStretch(3, 4)],
            [new(0, 2, Box, []), new(0, 1, Box, []), new(1, 2, Box, []), new(3, 4, Box, [])],
            marksLeftOut: false, cutCosts: [0, cost, 0, 0, 0]);

        Assert.Equal([1, 2, 3], Cut(0).Best(scores).Candidates);
        Assert.Equal([0, 3], Cut(1).Best(scores).Candidates);
    }

    [Fact]
    public void A_close_call_between_readings_is_doubtful()
    {
        var path = Lattice().Best([Math.Log(0.9), Math.Log(0.95), Math.Log(0.92), Math.Log(0.99)]);
        Assert.True(path.Doubtful);
    }

    [Fact]
    public void The_expected_length_decides_between_readings()
    {
        var scores = new[] { Math.Log(0.99), Math.Log(0.5), Math.Log(0.4), Math.Log(0.99) };
        Assert.Equal([1, 2, 3], Lattice().Best(scores, length: 3).Candidates);
        Assert.Equal([0, 3], Lattice().Best(scores, length: 2).Candidates);
        Assert.True(Lattice().Best(scores, length: 5).Doubtful);
    }

    [Fact]
    public void A_stretch_is_left_unread_when_the_expected_length_asks_for_fewer_digits_and_the_reading_is_doubtful()
    {
        var path = Lattice().Best([Math.Log(0.99), Math.Log(0.5), Math.Log(0.4), Math.Log(0.001)], length: 1);
        Assert.Equal([0], path.Candidates);
        Assert.True(path.Doubtful);
    }
}
