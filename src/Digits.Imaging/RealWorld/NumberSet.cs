using Digits.Core.Data;
using SkiaSharp;

namespace Digits.Imaging.RealWorld;

/// <summary>One image of the number set: its kind, the digits it shows (no spaces), and the encoded file a user would send.</summary>
public sealed record NumberSample(NumberKind Kind, string Text, byte[] Image);

/// <summary>
/// The number evaluation set, made by code from what anyone can get here: MNIST's test digits (never its training
/// digits) written side by side or in comb fields (boxes sharing their walls or printed apart) on paper photos,
/// numbers printed in the typefaces of Debian's font packages, and pen strokes of several digits on a wide canvas.
/// Only for evaluation. The same seed gives the same images.
/// </summary>
public static class NumberSet
{
    public const int DefaultSeed = 20261206;
    public const int DefaultPerKind = 200;
    public const int ShortestNumber = 3;
    public const int LongestNumber = 8;
    /// <summary>The page's Number mode canvas.</summary>
    public const int CanvasWidth = 840;
    public const int CanvasHeight = 280;
    private const int KindSeeds = 16;

    public static IReadOnlyList<NumberSample> Build(LabeledImages mnistTest, IReadOnlyList<string> fontFiles, int perKind = DefaultPerKind, int seed = DefaultSeed)
    {
        var byLabel = Enumerable.Range(0, 10).Select(d => Enumerable.Range(0, mnistTest.Count).Where(i => mnistTest.Labels[i] == d).ToArray()).ToArray();
        InkImage Handwritten(int digit, Random random)
        {
            var index = byLabel[digit][random.Next(byLabel[digit].Length)];
            return InkImage.FromPixels(mnistTest.Image(index), mnistTest.Rows, mnistTest.MaxPixelValue);
        }
        var typefaces = fontFiles.Select(SKTypeface.FromFile).Where(t => t is not null && PrintedDigit.HasDigits(t)).ToList();
        try
        {
            var samples = new List<NumberSample>();
            // Each kind draws from its own stream, so that a change to one kind's images leaves the others' as they were.
            void Add(NumberKind kind, Func<List<int>, Random, byte[]> image)
            {
                var random = new Random(seed * KindSeeds + (int)kind);
                for (var i = 0; i < perKind; i++)
                {
                    var digits = Digits(random);
                    samples.Add(new(kind, Text(digits), image(digits, random)));
                }
            }
            Add(NumberKind.HandwrittenPhoto, (digits, random) => Photo(HandwrittenNumber.SideBySide(digits.Select(d => Handwritten(d, random)).ToList(), random), random));
            Add(NumberKind.CombField, (digits, random) => Photo(HandwrittenNumber.InBoxes(digits.Select(d => Handwritten(d, random)).ToList(), random), random));
            if (typefaces.Count > 0)
                Add(NumberKind.PrintedNumber, (digits, random) =>
                {
                    var text = Text(digits);
                    var printed = digits.Count >= 5 && random.Next(3) == 0 ? text.Insert(random.Next(2, digits.Count - 1), " ") : text;
                    return Photo(PrintedDigit.RenderText(typefaces[random.Next(typefaces.Count)], printed), random);
                });
            Add(NumberKind.CanvasNumber, (digits, random) => PenStrokes.RenderNumber(digits, CanvasWidth, CanvasHeight, random));
            return samples;
        }
        finally
        {
            foreach (var typeface in typefaces) typeface.Dispose();
        }
    }

    private static List<int> Digits(Random random) =>
        Enumerable.Range(0, random.Next(ShortestNumber, LongestNumber + 1)).Select(_ => random.Next(10)).ToList();

    private static string Text(IEnumerable<int> digits) => string.Concat(digits);

    /// <summary>
    /// An ordinary phone photo of the number on paper: a little askew (one in six further, 4 to 8 degrees), some blur,
    /// noise, uneven light, sometimes a JPEG.
    /// </summary>
    private static byte[] Photo(InkImage ink, Random random)
    {
        var paper = random.Between(170, 245);
        var aspect = ink.Width / (double)ink.Height * random.Between(0.85, 1.3);
        var style = new PhotoStyle
        {
            Paper = paper, InkLevel = random.Between(10, 90), Size = random.Next(240, 800), Aspect = aspect,
            DigitShare = random.Between(0.7, 0.92), RotationDegrees = random.Next(6) == 0 ? random.Between(4, 8) * (random.Next(2) == 0 ? -1 : 1) : random.Between(-3, 3), BlurSigma = random.Between(0, 1),
            Noise = random.Between(0, 5), LightFalloff = random.Between(0, 0.25),
            Shadow = random.Next(5) == 0 ? random.Between(0.2, 0.4) : 0,
            JpegQuality = random.Next(3) == 0 ? random.Next(40, 95) : 0,
        };
        return PaperPhoto.Render(ink, style, random);
    }
}
