using Digits.Imaging.RealWorld;

namespace Digits.Imaging.Reading;

/// <summary>
/// What the segmenter proposes that is not one digit, made from digits in MNIST's form (28x28, ink 0..1) and
/// prepared as the segmenter prepares a candidate: two or three neighbours that touch or overlap, a piece of a digit
/// cut off at a wrong place, or a digit with a piece of its neighbour. A recognizer that learns these as their own
/// answer tells the reader which cuts are wrong, where a ten-digit recognizer is sure of some digit in anything.
/// </summary>
public static class NotOneDigit
{
    /// <summary>Ink below this does not count towards a digit's box.</summary>
    private const float InkFloor = 0.1f;

    /// <param name="digits">At least three digits to make it of; the first is the main one.</param>
    public static float[] Compose(IReadOnlyList<float[]> digits, Random random)
    {
        var first = Crop(digits[0]);
        return Prepared(random.Next(3) switch
        {
            0 => Joined([first, .. digits.Skip(1).Take(random.Next(1, 3)).Select(Crop)], random),
            1 => Piece(first, random.Next(2) == 0, random.NextDouble() * 0.45 + 0.25),
            _ => WithNeighbourPiece(first, Crop(digits[1]), random),
        });
    }

    /// <summary>Digits side by side, each touching or overlapping the one before by up to a third of the height, a little higher or lower.</summary>
    private static InkImage Joined(IReadOnlyList<InkImage> parts, Random random)
    {
        var height = parts.Max(p => p.Height);
        var placed = new List<(InkImage Part, int X, int Y)>();
        var x = 0;
        foreach (var part in parts)
        {
            if (placed.Count > 0) x -= (int)Math.Round(height * random.NextDouble() * 0.35);
            placed.Add((part, Math.Max(0, x), (int)Math.Round((height - part.Height) / 2.0 + height * (random.NextDouble() - 0.5) * 0.2)));
            x = Math.Max(0, x) + part.Width;
        }
        return Combine(placed);
    }

    /// <summary>The left or right part of a digit, cut at <paramref name="share"/> of its width, down to its own ink.</summary>
    private static InkImage Piece(InkImage digit, bool left, double share)
    {
        var cut = Math.Clamp((int)Math.Round(digit.Width * share), 1, digit.Width - 1);
        return left ? Columns(digit, 0, cut) : Columns(digit, cut, digit.Width);
    }

    /// <summary>A digit and the near edge of its neighbour (a cut too far to one side), touching.</summary>
    private static InkImage WithNeighbourPiece(InkImage digit, InkImage neighbour, Random random)
    {
        var onRight = random.Next(2) == 0;
        var piece = Piece(neighbour, left: onRight, share: random.NextDouble() * 0.3 + 0.15);
        return onRight ? Joined([digit, piece], random) : Joined([piece, digit], random);
    }

    private static InkImage Crop(float[] digit) => InkCanvas.Crop(new InkImage(DigitPreprocessor.Side, DigitPreprocessor.Side, digit), InkFloor);

    /// <summary>Columns <paramref name="from"/> to <paramref name="to"/> (exclusive), trimmed to the rows that hold ink.</summary>
    private static InkImage Columns(InkImage ink, int from, int to)
    {
        var width = to - from;
        var rows = Enumerable.Range(0, ink.Height).Where(y => Enumerable.Range(from, width).Any(x => ink.Ink[y * ink.Width + x] > InkFloor)).ToList();
        if (rows.Count == 0) return new InkImage(1, 1, [0]);
        var (top, height) = (rows[0], rows[^1] - rows[0] + 1);
        var values = new float[width * height];
        for (var y = 0; y < height; y++)
            Array.Copy(ink.Ink, (top + y) * ink.Width + from, values, y * width, width);
        return new InkImage(width, height, values);
    }

    /// <summary>
    /// Parts laid out where the stronger ink shows, as <see cref="InkCanvas"/> lays them out, but in exact float levels
    /// at whole-pixel places (no resampling, no 8-bit levels): these are training inputs.
    /// </summary>
    private static InkImage Combine(List<(InkImage Part, int X, int Y)> placed)
    {
        var top = placed.Min(p => p.Y);
        var width = placed.Max(p => p.X + p.Part.Width);
        var height = placed.Max(p => p.Y + p.Part.Height) - top;
        var values = new float[width * height];
        foreach (var (part, x0, y0) in placed)
            for (var y = 0; y < part.Height; y++)
                for (var x = 0; x < part.Width; x++)
                {
                    ref var value = ref values[(y0 - top + y) * width + x0 + x];
                    value = Math.Max(value, part.Ink[y * part.Width + x]);
                }
        return new InkImage(width, height, values);
    }

    private static float[] Prepared(InkImage ink) => DigitPreprocessor.Place(ink.Ink, ink.Width, ink.Height);
}
