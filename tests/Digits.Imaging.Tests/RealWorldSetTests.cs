using Digits.Core.Data;
using Digits.Imaging.RealWorld;
using SkiaSharp;

namespace Digits.Imaging.Tests;

public sealed class RealWorldSetTests
{
    /// <summary>Ten 28x28 "digits" (a bar each) and ten 8x8 ones, labelled 0 to 9.</summary>
    private static (LabeledImages Mnist, LabeledImages Scans) Sources()
    {
        LabeledImages Bars(int side, int max)
        {
            var pixels = new byte[10 * side * side];
            for (var i = 0; i < 10; i++)
                for (var y = side / 5; y < side - side / 5; y++)
                    for (var x = side / 2 - 1; x <= side / 2; x++)
                        pixels[i * side * side + y * side + x] = (byte)max;
            return new LabeledImages(pixels, Enumerable.Range(0, 10).Select(i => (byte)i).ToArray(), side, side, max);
        }
        return (Bars(28, 255), Bars(8, 16));
    }

    [Fact]
    public void Every_kind_is_there_with_its_count_and_every_image_decodes_to_one_digit()
    {
        var (mnist, scans) = Sources();
        var set = RealWorldSet.Build(mnist, scans, fontFiles: [], share: 0.1);
        var counts = set.GroupBy(s => s.Kind).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(RealWorldSet.PhotosPerKind / 10, counts[RealWorldKind.DistortedPhoto]);
        Assert.Equal(RealWorldSet.Scans / 10, counts[RealWorldKind.Scan8x8]);
        Assert.Equal(RealWorldSet.CanvasDrawings / 10, counts[RealWorldKind.CanvasStrokes]);
        Assert.False(counts.ContainsKey(RealWorldKind.PrintedFont));
        foreach (var sample in set.Where((_, i) => i % 5 == 0))
            Assert.Equal(28 * 28, DigitPreprocessor.Process(ImageDecoder.Decode(sample.Image)).Length);
    }

    [Fact]
    public void The_same_seed_makes_the_same_images_and_another_seed_others()
    {
        var (mnist, scans) = Sources();
        var first = RealWorldSet.Build(mnist, scans, [], seed: 7, share: 0.02);
        var again = RealWorldSet.Build(mnist, scans, [], seed: 7, share: 0.02);
        var other = RealWorldSet.Build(mnist, scans, [], seed: 8, share: 0.02);
        Assert.True(first.Zip(again).All(p => p.First.Image.AsSpan().SequenceEqual(p.Second.Image)));
        Assert.False(first.Zip(other).All(p => p.First.Image.AsSpan().SequenceEqual(p.Second.Image)));
    }

    [Fact]
    public void A_typeface_draws_each_digit_and_dingbats_are_not_typefaces_of_digits()
    {
        using var typeface = SKTypeface.Default;
        Assert.True(PrintedDigit.HasDigits(typeface));
        var one = PrintedDigit.Render(typeface, 1);
        var eight = PrintedDigit.Render(typeface, 8);
        Assert.True(one.Ink.Sum() < eight.Ink.Sum(), "an 8 has more ink than a 1");
    }

    [Fact]
    public void Pen_strokes_are_dark_on_a_transparent_canvas()
    {
        var image = ImageDecoder.Decode(PenStrokes.Render(4, new Random(1)));
        var alphas = Enumerable.Range(0, image.Width * image.Height).Select(i => image.Rgba[i * 4 + 3]).ToArray();
        Assert.True(alphas.Count(a => a == 0) > alphas.Length / 2);
        Assert.Contains(alphas, a => a == 255);
    }
}
