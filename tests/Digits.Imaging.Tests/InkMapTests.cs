using Digits.Imaging;
using static Digits.Imaging.Tests.Pictures;

namespace Digits.Imaging.Tests;

public sealed class InkMapTests
{
    /// <summary>A row of bold zeros (thick rings) filling most of its line's height.</summary>
    private static DecodedImage BoldZeros(byte paper, byte ink)
    {
        var image = Blank(380, 140, paper);
        for (var left = 40; left < 320; left += 70)
        {
            Paint(image, left, 25, 60, 90, ink);
            Paint(image, left + 20, 45, 20, 50, paper);
        }
        return image;
    }

    [Fact]
    public void Bold_dark_print_filling_its_blocks_is_the_ink_and_the_paper_around_it_is_not()
    {
        using var map = InkMap.From(BoldZeros(paper: 230, ink: 40));

        Assert.True(map.Strength[70 * map.Width + 45] > 100, "a zero's stroke is ink");
        Assert.True(map.Strength[70 * map.Width + 70] < 20, "a zero's hole is paper");
        Assert.True(map.Strength[20 * map.Width + 200] < 20, "the paper above the line is paper");
    }
}
