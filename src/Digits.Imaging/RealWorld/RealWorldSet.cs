using Digits.Core.Data;
using SkiaSharp;

namespace Digits.Imaging.RealWorld;

/// <summary>One image of the real-world set: what kind it is, the digit it shows, and the encoded file a user would send.</summary>
public sealed record RealWorldSample(RealWorldKind Kind, int Label, byte[] Image);

/// <summary>
/// The real-world evaluation set, made by code from what anyone can get here: MNIST's test digits (never its
/// training digits) photographed on paper in many ways, printed digits in the typefaces of Debian's font packages,
/// the 8x8 scans of real handwriting, and pen strokes on a canvas. Only for evaluation: no model trains on it.
/// The same seed gives the same images.
/// </summary>
public static class RealWorldSet
{
    public const int DefaultSeed = 20261205;
    public const int PhotosPerKind = 250;
    public const int Scans = 400;
    public const int CanvasDrawings = 400;

    /// <param name="share">A fraction of the photos, scans and drawings, for quick runs.</param>
    public static IReadOnlyList<RealWorldSample> Build(LabeledImages mnistTest, LabeledImages scans8x8, IReadOnlyList<string> fontFiles, int seed = DefaultSeed,
        double share = 1)
    {
        int Part(int count) => Math.Max(1, (int)(count * share));
        var random = new Random(seed);
        var samples = new List<RealWorldSample>();
        foreach (var kind in new[] { RealWorldKind.SpeckledPhoto, RealWorldKind.FaintPhoto, RealWorldKind.CompressedPhoto, RealWorldKind.DistortedPhoto })
            for (var i = 0; i < Part(PhotosPerKind); i++)
            {
                var index = random.Next(mnistTest.Count);
                var digit = InkImage.FromPixels(mnistTest.Image(index), mnistTest.Rows, mnistTest.MaxPixelValue);
                samples.Add(new RealWorldSample(kind, mnistTest.Labels[index], PaperPhoto.Render(digit, Style(kind, random), random)));
            }
        foreach (var file in fontFiles)
        {
            using var typeface = SKTypeface.FromFile(file);
            if (typeface is null || !PrintedDigit.HasDigits(typeface)) continue;
            for (var digit = 0; digit < 10; digit++)
                samples.Add(new RealWorldSample(RealWorldKind.PrintedFont, digit, PaperPhoto.Render(PrintedDigit.Render(typeface, digit), PrintStyle(random), random)));
        }
        for (var i = 0; i < Part(Scans); i++)
        {
            var index = random.Next(scans8x8.Count);
            samples.Add(new RealWorldSample(RealWorldKind.Scan8x8, scans8x8.Labels[index], ScanPhoto(scans8x8, index, random)));
        }
        for (var i = 0; i < Part(CanvasDrawings); i++)
        {
            var digit = i % 10;
            samples.Add(new RealWorldSample(RealWorldKind.CanvasStrokes, digit, PenStrokes.Render(digit, random)));
        }
        return samples;
    }

    /// <summary>One 8x8 scan of real handwriting, upscaled onto a photo of paper.</summary>
    public static byte[] ScanPhoto(LabeledImages scans8x8, int index, Random random) =>
        PaperPhoto.Render(InkImage.FromPixels(scans8x8.Image(index), scans8x8.Rows, scans8x8.MaxPixelValue), PrintStyle(random), random);

    /// <summary>An ordinary phone photo of a page: what every kind starts from.</summary>
    private static PhotoStyle Ordinary(Random random)
    {
        var paper = random.Between(170, 245);
        return new PhotoStyle
        {
            Paper = paper, InkLevel = random.Between(10, 90), Size = random.Next(56, 320), DigitShare = random.Between(0.4, 0.8),
            RotationDegrees = random.Between(-8, 8), BlurSigma = random.Between(0, 1), Noise = random.Between(0, 4),
            LightFalloff = random.Between(0, 0.2),
        };
    }

    private static PhotoStyle PrintStyle(Random random) => Ordinary(random) with
    {
        RotationDegrees = random.Between(-4, 4),
        JpegQuality = random.Next(3) == 0 ? random.Next(40, 95) : 0,
    };

    private static PhotoStyle Style(RealWorldKind kind, Random random)
    {
        var style = Ordinary(random);
        return kind switch
        {
            RealWorldKind.SpeckledPhoto => style with { Specks = random.Between(0.01, 0.06) },
            RealWorldKind.FaintPhoto => Faint(style, random),
            RealWorldKind.CompressedPhoto => style with { JpegQuality = random.Next(5, 30) },
            RealWorldKind.DistortedPhoto => Distorted(style, random),
            _ => style,
        };
    }

    private static PhotoStyle Faint(PhotoStyle style, Random random)
    {
        var paper = random.Between(110, 210);
        return style with { Paper = paper, InkLevel = paper - random.Between(15, 45) };
    }

    /// <summary>Two to four distortions at once, each at a strength people meet.</summary>
    private static PhotoStyle Distorted(PhotoStyle style, Random random)
    {
        var effects = Enumerable.Range(0, 9).OrderBy(_ => random.Next()).Take(random.Next(2, 5));
        foreach (var effect in effects)
            style = effect switch
            {
                0 => style with { RotationDegrees = random.Between(-30, 30) },
                1 => style with { Shear = random.Between(-0.35, 0.35) },
                2 => style with { BlurSigma = random.Between(1, 2.5) },
                3 => style with { Noise = random.Between(6, 18) },
                4 => style with { LightFalloff = random.Between(0.3, 0.6) },
                5 => style with { Shadow = random.Between(0.3, 0.6) },
                6 => style with { RuledLineSpacing = random.Next(18, 40) },
                7 => style with { Inverted = true },
                _ => style with { JpegQuality = random.Next(15, 60) },
            };
        return style;
    }
}
