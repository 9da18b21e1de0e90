using Digits.Imaging;
using Digits.Imaging.Reading;

namespace Digits.Imaging.Tests.Reading;

public sealed class NotOneDigitTests
{
    private const int Side = DigitPreprocessor.Side;

    /// <summary>A digit in MNIST's form: a ring 20 pixels high and 14 wide, centred.</summary>
    private static float[] Ring()
    {
        var image = new float[Side * Side];
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
            {
                var distance = Math.Sqrt(Math.Pow((x - 13.5) / 7, 2) + Math.Pow((y - 13.5) / 10, 2));
                if (Math.Abs(distance - 0.85) < 0.15) image[y * Side + x] = 1;
            }
        return image;
    }

    private static (int Width, int Height, double MassX, double MassY) Measure(float[] image)
    {
        int left = Side, right = -1, top = Side, bottom = -1;
        double mass = 0, massX = 0, massY = 0;
        for (var y = 0; y < Side; y++)
            for (var x = 0; x < Side; x++)
            {
                var value = image[y * Side + x];
                mass += value;
                massX += value * x;
                massY += value * y;
                if (value < 0.1) continue;
                (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
            }
        return (right - left + 1, bottom - top + 1, massX / mass, massY / mass);
    }

    [Fact]
    public void They_are_prepared_as_the_segmenter_prepares_a_candidate_and_come_as_pairs_and_pieces()
    {
        var random = new Random(1);
        var shapes = Enumerable.Range(0, 300).Select(_ => Measure(NotOneDigit.Compose([Ring(), Ring(), Ring()], random))).ToList();

        Assert.All(shapes, s =>
        {
            Assert.InRange(Math.Max(s.Width, s.Height), 19, DigitPreprocessor.BoxSide + 1);
            Assert.InRange(s.MassX, 12.5, 15.5);
            Assert.InRange(s.MassY, 12.5, 15.5);
        });
        var ring = Measure(Ring());
        var aspect = (double)ring.Width / ring.Height;
        // Touching neighbours are wider for their height than one ring; a piece cut off is narrower.
        Assert.Contains(shapes, s => (double)s.Width / s.Height > 1.3 * aspect);
        Assert.Contains(shapes, s => (double)s.Width / s.Height < 0.7 * aspect);
    }
}
