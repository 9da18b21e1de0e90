using System.Buffers;

namespace Digits.Imaging;

/// <summary>
/// The digit found in an ink map: the box around its strokes and their ink in [0,1] (0 outside them), and whether
/// it looks like one digit: no other mark as large was left out, and its box is no wider than a digit's.
/// </summary>
public sealed record FoundDigit(int Left, int Top, int Width, int Height, float[] Ink, bool LooksLikeOneDigit);

/// <summary>
/// Separates the digit from everything else in an ink map, as a person would: ink is what stands out from the
/// paper's noise; ruled lines that cross the whole picture are taken out (the strokes crossing them kept);
/// connected strokes are grouped, the strongest group is the digit, and pieces close to it (a 5's cap, a 4 drawn
/// in two strokes) join it, while specks and distant marks do not.
/// </summary>
public static class InkComponents
{
    /// <summary>A line across the paper covers this share of its width (or height); noise may break it here and there.</summary>
    internal const double LineSpan = 0.85;
    /// <summary>Pieces this far from the digit's box (as a share of its longer side) still belong to it.</summary>
    private const double Reach = 0.3;
    /// <summary>A group smaller than this share of the digit's ink is a speck.</summary>
    private const double SpeckShare = 0.03;
    /// <summary>Another group with this share of the digit's ink, left out, makes the picture look like more than one digit.</summary>
    private const double RivalShare = 0.35;
    /// <summary>Fewer connected ink pixels than this make a grain of noise, not a stroke (a 28x28 "1" has about 40).</summary>
    internal const int MinimumStrokePixels = 12;
    /// <summary>No digit is this many times wider than it is tall (MNIST's widest are about 1.3).</summary>
    private const double WidestDigit = 1.6;

    internal const string NoInk = "The image has no visible ink: draw or photograph a digit with clear strokes.";

    public static FoundDigit Find(InkMap map)
    {
        var (width, height) = (map.Width, map.Height);
        var count = width * height;
        var levels = InkLevels.Measure(map);
        var labels = ArrayPool<int>.Shared.Rent(count);
        try
        {
            var mask = labels.AsSpan(0, count);
            levels.Mark(map, mask);
            RemoveLines(mask, width, height);
            var groups = Label(mask, width, height, map.Strength);
            // A digit cropped tightly may touch the edges too; lines and frames are only left out when there is something else.
            var candidates = groups.FindAll(g => !g.SpansPicture(width, height));
            if (candidates.Count == 0) candidates = groups;
            var digit = candidates.MaxBy(g => g.Mass) ?? throw new ImageRejectedException(ImageProblem.Invalid, NoInk);
            // The strongest group of a blank, noisy photo is a few grains of its noise, not a stroke.
            if (digit.Pixels < MinimumStrokePixels) throw new ImageRejectedException(ImageProblem.Invalid, NoInk);
            var reach = Reach * Math.Max(digit.Width, digit.Height);
            var kept = candidates.FindAll(g => g == digit || g.Mass >= SpeckShare * digit.Mass && g.Near(digit, reach));
            var alone = !groups.Exists(g => !kept.Contains(g) && g.Mass >= RivalShare * digit.Mass);
            return Crop(map, mask, kept, levels, alone);
        }
        finally
        {
            ArrayPool<int>.Shared.Return(labels);
        }
    }

    /// <summary>Takes out rows (columns) of ink that cover nearly the whole picture, except where a stroke crosses them.</summary>
    private static void RemoveLines(Span<int> mask, int width, int height)
    {
        Span<int> perRow = stackalloc int[height];
        Span<int> perColumn = stackalloc int[width];
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
                if (mask[y * width + x] != 0)
                {
                    perRow[y]++;
                    perColumn[x]++;
                }
        RemoveLines(mask, width, height, perRow, horizontal: true);
        RemoveLines(mask, width, height, perColumn, horizontal: false);
    }

    private static void RemoveLines(Span<int> mask, int width, int height, ReadOnlySpan<int> covered, bool horizontal)
    {
        var (along, across) = horizontal ? (width, height) : (height, width);
        List<int>? lines = null;
        for (var a = 0; a < across; a++)
            if (covered[a] >= LineSpan * along) (lines ??= []).Add(a);
        if (lines is null) return;
        foreach (var band in Bands(lines))
            for (var b = 0; b < along; b++)
            {
                var before = band.First > 0 && mask[Index(band.First - 1, b)] != 0;
                var after = band.Last < across - 1 && mask[Index(band.Last + 1, b)] != 0;
                if (before && after) continue;
                for (var a = band.First; a <= band.Last; a++) mask[Index(a, b)] = 0;
            }
        int Index(int a, int b) => horizontal ? a * width + b : b * width + a;
    }

    private static IEnumerable<(int First, int Last)> Bands(List<int> lines)
    {
        for (var i = 0; i < lines.Count;)
        {
            var j = i;
            while (j + 1 < lines.Count && lines[j + 1] == lines[j] + 1) j++;
            yield return (lines[i], lines[j]);
            i = j + 1;
        }
    }

    /// <summary>8-connected groups of ink; afterwards each ink pixel of <paramref name="mask"/> holds its group's number.</summary>
    internal static List<InkGroup> Label(Span<int> mask, int width, int height, float[] strength)
    {
        var groups = new List<InkGroup>();
        var stack = new Stack<int>();
        for (var start = 0; start < width * height; start++)
        {
            if (mask[start] != 1) continue;
            var group = new InkGroup(groups.Count + 2);
            mask[start] = group.Id;
            stack.Push(start);
            while (stack.TryPop(out var i))
            {
                int x = i % width, y = i / width;
                group.Add(x, y, strength[i]);
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        int nx = x + dx, ny = y + dy;
                        if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                        var n = ny * width + nx;
                        if (mask[n] != 1) continue;
                        mask[n] = group.Id;
                        stack.Push(n);
                    }
            }
            groups.Add(group);
        }
        return groups;
    }

    /// <summary>Per label, whether it is one of the groups': a label's lookup for the loops over a mask.</summary>
    internal static bool[] IsKept(IReadOnlyCollection<InkGroup> groups)
    {
        var isKept = new bool[groups.Max(g => g.Id) + 1];
        foreach (var group in groups) isKept[group.Id] = true;
        return isKept;
    }

    /// <summary>The ink of the kept groups (with the soft edge around them) in their box.</summary>
    private static FoundDigit Crop(InkMap map, ReadOnlySpan<int> labels, List<InkGroup> kept, InkLevels levels, bool alone)
    {
        var left = kept.Min(g => g.Left);
        var top = kept.Min(g => g.Top);
        var right = kept.Max(g => g.Right);
        var bottom = kept.Max(g => g.Bottom);
        var ink = CropInk(map, labels, IsKept(kept), left, top, right, bottom, levels);
        var (boxWidth, boxHeight) = (right - left + 1, bottom - top + 1);
        return new FoundDigit(left, top, boxWidth, boxHeight, ink, alone && boxWidth <= WidestDigit * boxHeight);
    }

    /// <summary>The ink of the kept groups' pixels (and the soft edge around them) inside a box, scaled so that stroke centres reach 1.</summary>
    internal static float[] CropInk(InkMap map, ReadOnlySpan<int> labels, bool[] isKept, int left, int top, int right, int bottom, InkLevels levels)
    {
        var width = map.Width;
        var floor = levels.SoftEdgeFloor;
        var full = StrokeCentres(map, labels, isKept, left, top, right, bottom);
        var (boxWidth, boxHeight) = (right - left + 1, bottom - top + 1);
        var ink = new float[boxWidth * boxHeight];
        for (var y = top; y <= bottom; y++)
            for (var x = left; x <= right; x++)
            {
                if (!Touches(labels, isKept, x, y, width, map.Height)) continue;
                var value = (map.Strength[y * width + x] - floor) / Math.Max(1e-3f, full - floor);
                ink[(y - top) * boxWidth + x - left] = Math.Clamp(value, 0, 1);
            }
        return ink;
    }

    private static bool Touches(ReadOnlySpan<int> labels, bool[] isKept, int x, int y, int width, int height)
    {
        for (var dy = -1; dy <= 1; dy++)
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
                var label = labels[ny * width + nx];
                if (label < isKept.Length && isKept[label]) return true;
            }
        return false;
    }

    /// <summary>The ink of the stroke centres: a high level reached by many of the digit's pixels, not by one bright speck.</summary>
    private static float StrokeCentres(InkMap map, ReadOnlySpan<int> labels, bool[] isKept, int left, int top, int right, int bottom)
    {
        Span<int> histogram = stackalloc int[256];
        var count = 0;
        for (var y = top; y <= bottom; y++)
            for (var x = left; x <= right; x++)
            {
                var i = y * map.Width + x;
                if (labels[i] >= isKept.Length || !isKept[labels[i]]) continue;
                histogram[(int)Math.Clamp(map.Strength[i], 0, 255)]++;
                count++;
            }
        return Histograms.Percentile(histogram, count, 0.9);
    }
}
