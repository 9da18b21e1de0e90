using System.Buffers;

namespace Digits.Imaging;

/// <summary>
/// How strongly each pixel of a picture is ink, as grey levels above its local paper (0: paper), at a working
/// resolution whose longer side is at most <see cref="MaxSide"/>. Its arrays are rented: dispose it.
/// </summary>
public sealed class InkMap : IDisposable
{
    /// <summary>Enough for a digit to keep its strokes; a larger photo is area-averaged down first (which also softens speckle and JPEG noise).</summary>
    public const int MaxSide = 384;
    /// <summary>A canvas drawing: at least this share of pixels fully transparent.</summary>
    private const double TransparentShare = 0.3;
    /// <summary>Images this small (an MNIST-sized upload) are renders, not photos: one paper level, no lit and shaded page, no sensor specks.</summary>
    private const int LocalBackgroundMinSide = 48;
    /// <summary>The paper level of a block is this percentile of its pixels: above the strokes that cross it.</summary>
    private const double PaperPercentile = 0.9;
    /// <summary>The typical level of a block, with as much paper above it as below, which tells ink from paper by which side it lies on.</summary>
    private const double TypicalPercentile = 0.5;
    /// <summary>Blocks along the shorter side for the typical level: large enough that thin strokes are a minority in each ...</summary>
    private const int TypicalBlocksAcross = 4;
    /// <summary>... and for bold print, which may fill a block, the blocks within this reach of each read together.</summary>
    private const int TypicalReach = 1;
    /// <summary>Levels within this many interquartile ranges of the typical level are paper, whichever way they lie.</summary>
    private const double PaperSpreads = 1.5;
    /// <summary>Blocks along the shorter side: small enough to follow a shadow's edge.</summary>
    private const int BlocksAcross = 16;
    /// <summary>Blocks on each side whose brightest level covers a stroke thicker than a block.</summary>
    private const int ClosingReach = 2;
    /// <summary>A pixel this much darker (or lighter) than every neighbour but one is a speck, not a stroke.</summary>
    private const float ImpulseStep = 40;

    private InkMap(int width, int height, float[] strength, int scale)
    {
        Width = width;
        Height = height;
        Strength = strength;
        Scale = scale;
    }

    public int Width { get; }
    public int Height { get; }
    /// <summary>Grey levels above the paper, per pixel (rented: only the first Width x Height values are the map).</summary>
    public float[] Strength { get; }
    /// <summary>Source pixels per working pixel, along each side.</summary>
    public int Scale { get; }

    public static InkMap From(DecodedImage image) =>
        From(image, Math.Max(1, (int)Math.Ceiling(Math.Max(image.Width, image.Height) / (double)MaxSide)));

    /// <param name="scale">Source pixels per working pixel, along each side.</param>
    public static InkMap From(DecodedImage image, int scale)
    {
        var width = (image.Width + scale - 1) / scale;
        var height = (image.Height + scale - 1) / scale;
        var count = width * height;
        var gray = ArrayPool<float>.Shared.Rent(count);
        var strength = ArrayPool<float>.Shared.Rent(count);
        try
        {
            if (Downscale(image, scale, width, height, gray.AsSpan(0, count), strength.AsSpan(0, count)))
                return new InkMap(width, height, strength, scale);
            var paper = gray.AsSpan(0, count);
            if (InkIsLight(paper, width, height))
                foreach (ref var value in paper) value = 255 - value;
            if (Math.Min(width, height) >= LocalBackgroundMinSide) RemoveSpecks(paper, width, height);
            var background = ArrayPool<float>.Shared.Rent(count);
            try
            {
                EstimatePaper(paper, width, height, background.AsSpan(0, count));
                for (var i = 0; i < count; i++) strength[i] = Math.Max(0, background[i] - paper[i]);
            }
            finally
            {
                ArrayPool<float>.Shared.Return(background);
            }
            return new InkMap(width, height, strength, scale);
        }
        catch
        {
            ArrayPool<float>.Shared.Return(strength);
            throw;
        }
        finally
        {
            ArrayPool<float>.Shared.Return(gray);
        }
    }

    /// <summary>
    /// Area-averages the picture into the working grid: luminance composited over white into <paramref name="gray"/>,
    /// or, for a drawing on a transparent canvas, its opacity straight into <paramref name="strength"/>.
    /// </summary>
    /// <returns>True for a canvas drawing, whose ink map is then complete.</returns>
    private static bool Downscale(DecodedImage image, int scale, int width, int height, Span<float> gray, Span<float> strength)
    {
        var rgba = image.Rgba;
        var transparent = 0;
        for (var i = 3; i < rgba.Length; i += 4)
            if (rgba[i] < 10) transparent++;
        var canvas = transparent >= image.Width * image.Height * TransparentShare;
        if (scale == 1)
        {
            var target = canvas ? strength : gray;
            for (var i = 0; i < target.Length; i++)
            {
                var p = i * 4;
                var alpha = rgba[p + 3] / 255f;
                target[i] = canvas ? rgba[p + 3] : alpha * (0.299f * rgba[p] + 0.587f * rgba[p + 1] + 0.114f * rgba[p + 2]) + (1 - alpha) * 255;
            }
            return canvas;
        }
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                double sum = 0;
                var n = 0;
                for (var sy = y * scale; sy < Math.Min(image.Height, (y + 1) * scale); sy++)
                    for (var sx = x * scale; sx < Math.Min(image.Width, (x + 1) * scale); sx++)
                    {
                        var p = (sy * image.Width + sx) * 4;
                        var alpha = rgba[p + 3] / 255.0;
                        sum += canvas ? rgba[p + 3] : alpha * (0.299 * rgba[p] + 0.587 * rgba[p + 1] + 0.114 * rgba[p + 2]) + (1 - alpha) * 255;
                        n++;
                    }
                (canvas ? strength : gray)[y * width + x] = (float)(sum / n);
            }
        return canvas;
    }

    /// <summary>
    /// Ink is the minority: whichever side of the typical level reaches further holds it. On a photo the typical
    /// level is the local one (each block's median), so that a shadow over most of the page is not taken for the
    /// paper with the lit part as ink; and ink is light only when it also is against the level of each block's
    /// wider surroundings, since bold print fills whole blocks (which then make the paper between strokes look light).
    /// </summary>
    private static bool InkIsLight(ReadOnlySpan<float> gray, int width, int height)
    {
        if (Math.Min(width, height) < LocalBackgroundMinSide)
        {
            Span<int> histogram = stackalloc int[256];
            foreach (var value in gray) histogram[(int)Math.Clamp(value, 0, 255)]++;
            return LightInkOutweighs(histogram, gray.Length);
        }
        return LightInkOutweighsLocally(gray, width, height, reach: 0) && LightInkOutweighsLocally(gray, width, height, TypicalReach);
    }

    private static bool LightInkOutweighsLocally(ReadOnlySpan<float> gray, int width, int height, int reach)
    {
        Span<int> histogram = stackalloc int[256];
        var typical = ArrayPool<float>.Shared.Rent(gray.Length);
        try
        {
            LocalLevels(gray, width, height, TypicalBlocksAcross, TypicalPercentile, closed: false, typical, reach);
            for (var i = 0; i < gray.Length; i++) histogram[(int)Math.Clamp(gray[i] - typical[i] + 128, 0, 255)]++;
            return LightInkOutweighs(histogram, gray.Length);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(typical);
        }
    }

    /// <summary>
    /// Which side of the typical level holds more ink: the grey levels beyond the paper's own spread (its
    /// interquartile range), summed over the pixels on each side. A thin stroke far from the paper outweighs
    /// the lit and shaded paper a gradient or a shadow's edge leaves on both sides.
    /// </summary>
    private static bool LightInkOutweighs(ReadOnlySpan<int> histogram, int count)
    {
        var median = Histograms.Percentile(histogram, count, 0.5);
        var spread = Histograms.Percentile(histogram, count, 0.75) - Histograms.Percentile(histogram, count, 0.25);
        var margin = PaperSpreads * spread + 2;
        double dark = 0, light = 0;
        for (var level = 0; level < histogram.Length; level++)
        {
            dark += histogram[level] * Math.Max(0, median - margin - level);
            light += histogram[level] * Math.Max(0, level - median - margin);
        }
        return light > dark;
    }

    /// <summary>Replaces isolated dark or light pixels (salt-and-pepper specks) by the median of their neighbours; strokes have neighbours like them and stay.</summary>
    private static void RemoveSpecks(Span<float> gray, int width, int height)
    {
        Span<float> around = stackalloc float[8];
        for (var y = 1; y < height - 1; y++)
            for (var x = 1; x < width - 1; x++)
            {
                var i = y * width + x;
                var center = gray[i];
                // Two neighbours alike leave at most six unlike it: most pixels stop here.
                if (Math.Abs(center - gray[i - 1]) <= ImpulseStep && Math.Abs(center - gray[i + 1]) <= ImpulseStep) continue;
                int darker = 0, lighter = 0, n = 0;
                for (var dy = -1; dy <= 1; dy++)
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        if (dx == 0 && dy == 0) continue;
                        var value = gray[i + dy * width + dx];
                        around[n++] = value;
                        if (center < value - ImpulseStep) darker++;
                        else if (center > value + ImpulseStep) lighter++;
                    }
                if (darker < 7 && lighter < 7) continue;
                around.Sort();
                gray[i] = (around[3] + around[4]) / 2;
            }
    }

    /// <summary>
    /// The paper's level under each pixel: a high percentile per small block (above thin strokes), then the
    /// brightest of the blocks around (above thick strokes) and the darkest of those around that (so that a
    /// shadow's edge stays sharp: a closing), interpolated between block centres. A gradient of light or a shadow
    /// is then paper, not ink.
    /// </summary>
    private static void EstimatePaper(ReadOnlySpan<float> gray, int width, int height, Span<float> background)
    {
        Span<int> histogram = stackalloc int[256];
        if (Math.Min(width, height) < LocalBackgroundMinSide)
        {
            foreach (var value in gray) histogram[(int)Math.Clamp(value, 0, 255)]++;
            background.Fill(Histograms.Percentile(histogram, gray.Length, PaperPercentile));
            return;
        }
        LocalLevels(gray, width, height, BlocksAcross, PaperPercentile, closed: true, background);
    }

    /// <summary>
    /// A percentile of each small block (of its pixels and those of the blocks within <paramref name="reach"/>),
    /// optionally closed (the brightest of the blocks around, then the darkest of those around that), interpolated
    /// between block centres into <paramref name="levels"/>.
    /// </summary>
    private static void LocalLevels(ReadOnlySpan<float> gray, int width, int height, int blocksAcross, double percentile, bool closed, Span<float> levels, int reach = 0)
    {
        var block = Math.Max(4, Math.Min(width, height) / blocksAcross);
        var columns = (width + block - 1) / block;
        var rows = (height + block - 1) / block;
        var blocks = reach > 0
            ? PooledPercentiles(gray, width, height, block, columns, rows, reach, percentile)
            : BlockPercentiles(gray, width, height, block, columns, rows, percentile);
        if (closed) blocks = Extreme(Extreme(blocks, columns, rows, brightest: true), columns, rows, brightest: false);
        var x0 = new int[width];
        var x1 = new int[width];
        var tx = new float[width];
        for (var x = 0; x < width; x++)
        {
            var fx = Math.Clamp((x + 0.5) / block - 0.5, 0, columns - 1);
            x0[x] = (int)fx;
            x1[x] = Math.Min(columns - 1, x0[x] + 1);
            tx[x] = (float)(fx - x0[x]);
        }
        for (var y = 0; y < height; y++)
        {
            var fy = Math.Clamp((y + 0.5) / block - 0.5, 0, rows - 1);
            var top = blocks.AsSpan((int)fy * columns, columns);
            var bottom = blocks.AsSpan(Math.Min(rows - 1, (int)fy + 1) * columns, columns);
            var ty = (float)(fy - (int)fy);
            var row = levels.Slice(y * width, width);
            for (var x = 0; x < width; x++)
            {
                var upper = top[x0[x]] * (1 - tx[x]) + top[x1[x]] * tx[x];
                var lower = bottom[x0[x]] * (1 - tx[x]) + bottom[x1[x]] * tx[x];
                row[x] = upper * (1 - ty) + lower * ty;
            }
        }
    }

    /// <summary>Per block, the percentile of its own grey levels.</summary>
    private static float[] BlockPercentiles(ReadOnlySpan<float> gray, int width, int height, int block, int columns, int rows, double percentile)
    {
        var levels = new float[columns * rows];
        for (var by = 0; by < rows; by++)
            for (var bx = 0; bx < columns; bx++)
                levels[by * columns + bx] = BlockPercentile(gray, width, bx * block, by * block,
                    Math.Min(width, (bx + 1) * block), Math.Min(height, (by + 1) * block), percentile);
        return levels;
    }

    /// <summary>Per block, the percentile of the grey levels of it and the blocks within <paramref name="reach"/> of it, from one histogram per block.</summary>
    private static float[] PooledPercentiles(ReadOnlySpan<float> gray, int width, int height, int block, int columns, int rows, int reach, double percentile)
    {
        var histograms = new int[columns * rows * 256];
        for (var y = 0; y < height; y++)
        {
            var row = y / block * columns;
            for (var x = 0; x < width; x++)
                histograms[(row + x / block) * 256 + (int)Math.Clamp(gray[y * width + x], 0, 255)]++;
        }
        var levels = new float[columns * rows];
        Span<int> pooled = stackalloc int[256];
        for (var by = 0; by < rows; by++)
            for (var bx = 0; bx < columns; bx++)
            {
                pooled.Clear();
                var count = 0;
                for (var ny = Math.Max(0, by - reach); ny <= Math.Min(rows - 1, by + reach); ny++)
                    for (var nx = Math.Max(0, bx - reach); nx <= Math.Min(columns - 1, bx + reach); nx++)
                    {
                        var histogram = histograms.AsSpan((ny * columns + nx) * 256, 256);
                        for (var level = 0; level < 256; level++) pooled[level] += histogram[level];
                        count += Math.Min(block, width - nx * block) * Math.Min(block, height - ny * block);
                    }
                levels[by * columns + bx] = Histograms.Percentile(pooled, count, percentile);
            }
        return levels;
    }

    /// <summary>Blocks this small keep their highest levels rather than count all 256.</summary>
    private const int SortedBlockPixels = 64;

    /// <summary>The percentile of a block's whole grey levels, as <see cref="Histograms.Percentile"/> reads it.</summary>
    private static float BlockPercentile(ReadOnlySpan<float> gray, int width, int left, int top, int right, int bottom, double percentile)
    {
        var n = (right - left) * (bottom - top);
        if (n <= SortedBlockPixels)
        {
            // The level with k below it is the smallest of the n - k highest: keep just those, highest first.
            var kept = n - (int)(percentile * (n - 1));
            Span<float> highest = stackalloc float[SortedBlockPixels];
            var count = 0;
            for (var y = top; y < bottom; y++)
                for (var x = left; x < right; x++)
                {
                    float value = (int)Math.Clamp(gray[y * width + x], 0, 255);
                    if (count == kept && value <= highest[kept - 1]) continue;
                    var at = Math.Min(count, kept - 1);
                    while (at > 0 && highest[at - 1] < value)
                    {
                        highest[at] = highest[at - 1];
                        at--;
                    }
                    highest[at] = value;
                    count = Math.Min(kept, count + 1);
                }
            return highest[kept - 1];
        }
        Span<int> histogram = stackalloc int[256];
        for (var y = top; y < bottom; y++)
            for (var x = left; x < right; x++)
                histogram[(int)Math.Clamp(gray[y * width + x], 0, 255)]++;
        return Histograms.Percentile(histogram, n, percentile);
    }

    /// <summary>Each block's level replaced by the brightest (or darkest) of the blocks within <see cref="ClosingReach"/> of it: along rows, then along columns.</summary>
    private static float[] Extreme(float[] levels, int columns, int rows, bool brightest)
    {
        var along = new float[levels.Length];
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < columns; x++)
                along[y * columns + x] = Extreme(levels, y * columns + Math.Max(0, x - ClosingReach), y * columns + Math.Min(columns - 1, x + ClosingReach), 1, brightest);
        var result = new float[levels.Length];
        for (var y = 0; y < rows; y++)
            for (var x = 0; x < columns; x++)
                result[y * columns + x] = Extreme(along, Math.Max(0, y - ClosingReach) * columns + x, Math.Min(rows - 1, y + ClosingReach) * columns + x, columns, brightest);
        return result;
    }

    private static float Extreme(float[] levels, int first, int last, int step, bool brightest)
    {
        var value = levels[first];
        for (var i = first + step; i <= last; i += step) value = brightest ? Math.Max(value, levels[i]) : Math.Min(value, levels[i]);
        return value;
    }

    public void Dispose() => ArrayPool<float>.Shared.Return(Strength);
}
