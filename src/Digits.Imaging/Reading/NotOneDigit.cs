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
        var first = Ink.Crop(digits[0]);
        return random.Next(3) switch
        {
            0 => Joined([first, .. digits.Skip(1).Take(random.Next(1, 3)).Select(Ink.Crop)], random).Prepared(),
            1 => Piece(first, random.Next(2) == 0, random.NextDouble() * 0.45 + 0.25).Prepared(),
            _ => WithNeighbourPiece(first, Ink.Crop(digits[1]), random).Prepared(),
        };
    }

    /// <summary>Digits side by side, each touching or overlapping the one before by up to a third of the height, a little higher or lower.</summary>
    private static Ink Joined(IReadOnlyList<Ink> parts, Random random)
    {
        var height = parts.Max(p => p.Height);
        var placed = new List<(Ink Part, int X, int Y)>();
        var x = 0;
        foreach (var part in parts)
        {
            if (placed.Count > 0) x -= (int)Math.Round(height * random.NextDouble() * 0.35);
            placed.Add((part, Math.Max(0, x), (int)Math.Round((height - part.Height) / 2.0 + height * (random.NextDouble() - 0.5) * 0.2)));
            x = Math.Max(0, x) + part.Width;
        }
        return Ink.Combine(placed);
    }

    /// <summary>The left or right part of a digit, cut at <paramref name="share"/> of its width, down to its own ink.</summary>
    private static Ink Piece(Ink digit, bool left, double share)
    {
        var cut = Math.Clamp((int)Math.Round(digit.Width * share), 1, digit.Width - 1);
        return left ? digit.Columns(0, cut) : digit.Columns(cut, digit.Width);
    }

    /// <summary>A digit and the near edge of its neighbour (a cut too far to one side), touching.</summary>
    private static Ink WithNeighbourPiece(Ink digit, Ink neighbour, Random random)
    {
        var onRight = random.Next(2) == 0;
        var piece = Piece(neighbour, left: onRight, share: random.NextDouble() * 0.3 + 0.15);
        return onRight ? Joined([digit, piece], random) : Joined([piece, digit], random);
    }

    private sealed record Ink(float[] Values, int Width, int Height)
    {
        public static Ink Crop(float[] image)
        {
            int left = DigitPreprocessor.Side, right = -1, top = DigitPreprocessor.Side, bottom = -1;
            for (var y = 0; y < DigitPreprocessor.Side; y++)
                for (var x = 0; x < DigitPreprocessor.Side; x++)
                {
                    if (image[y * DigitPreprocessor.Side + x] < InkFloor) continue;
                    (left, right, top, bottom) = (Math.Min(left, x), Math.Max(right, x), Math.Min(top, y), Math.Max(bottom, y));
                }
            if (right < 0) return new Ink([0], 1, 1);
            var (width, height) = (right - left + 1, bottom - top + 1);
            var values = new float[width * height];
            for (var y = 0; y < height; y++)
                Array.Copy(image, (top + y) * DigitPreprocessor.Side + left, values, y * width, width);
            return new Ink(values, width, height);
        }

        /// <summary>Columns <paramref name="from"/> to <paramref name="to"/> (exclusive), trimmed to the rows that hold ink.</summary>
        public Ink Columns(int from, int to)
        {
            var width = to - from;
            var rows = Enumerable.Range(0, Height).Where(y => Enumerable.Range(from, width).Any(x => Values[y * Width + x] >= InkFloor)).ToList();
            if (rows.Count == 0) return new Ink([0], 1, 1);
            var (top, height) = (rows[0], rows[^1] - rows[0] + 1);
            var values = new float[width * height];
            for (var y = 0; y < height; y++)
                Array.Copy(Values, (top + y) * Width + from, values, y * width, width);
            return new Ink(values, width, height);
        }

        public static Ink Combine(List<(Ink Part, int X, int Y)> placed)
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
                        value = Math.Max(value, part.Values[y * part.Width + x]);
                    }
            return new Ink(values, width, height);
        }

        public float[] Prepared() => DigitPreprocessor.Place(Values, Width, Height);
    }
}
