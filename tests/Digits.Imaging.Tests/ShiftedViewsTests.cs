using Digits.Imaging;

namespace Digits.Imaging.Tests;

public sealed class ShiftedViewsTests
{
    [Fact]
    public void The_views_after_the_first_move_a_digit_one_pixel_right_left_down_and_up_with_the_edge_cleared()
    {
        const int side = DigitPreprocessor.Side;
        var input = new float[side * side];
        input[10 * side + 12] = 1f;
        input[5 * side + 27] = 0.5f;

        var views = ShiftedViews.Shifted(input).Chunk(side * side).ToArray();

        Assert.Equal(ShiftedViews.Count - 1, views.Length);
        (int Y, int X)[] expected = [(10, 13), (10, 11), (11, 12), (9, 12)];
        for (var view = 0; view < views.Length; view++)
            Assert.Equal(1f, views[view][expected[view].Y * side + expected[view].X]);
        // The pixel on the right edge leaves the picture when moved right, instead of wrapping round.
        Assert.Equal(1f, views[0].Sum());
        Assert.Equal(0.5f, views[1][5 * side + 26]);
        Assert.Equal(1.5f, views[1].Sum());
    }
}
