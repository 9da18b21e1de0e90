using Digits.Core.Models;
using System.Buffers;

namespace Digits.Imaging;

/// <summary>
/// Turns any picture of one digit into MNIST's form: white ink on black, cropped to the ink, scaled so the
/// longer side is 20 pixels (aspect kept, area-averaged), placed in 28x28 with its center of mass at the
/// center, values in [0,1]. Photos (dark ink on light paper) are inverted; drawings on a transparent canvas
/// take their ink from the alpha channel. The same code prepares user images for training and serving.
/// </summary>
public static class DigitPreprocessor
{
    public const int Side = ModelInputEncoding.MnistSide;
    public const int BoxSide = 20;
    /// <summary>Ink weaker than this fraction of the strongest stroke is paper texture or noise.</summary>
    public const float NoiseFloor = 0.2f;
    /// <summary>Below this contrast (of 255) between strokes and background there is no digit to see.</summary>
    public const int MinimumContrast = 40;
    /// <summary>A canvas drawing: at least this share of pixels fully transparent.</summary>
    private const double TransparentShare = 0.3;

    public static float[] Process(DecodedImage image)
    {
        // A photo's ink map is a megabyte or more: renting it keeps each upload off the large-object heap.
        var count = image.Width * image.Height;
        var rented = ArrayPool<float>.Shared.Rent(count);
        try
        {
            var ink = rented.AsSpan(0, count);
            FillInkMap(image, ink);
            var (left, top, right, bottom) = InkBounds(ink, image.Width, image.Height);
            return Place(ink, image.Width, left, top, right - left + 1, bottom - top + 1);
        }
        finally
        {
            ArrayPool<float>.Shared.Return(rented);
        }
    }

    /// <summary>Ink strength in [0,1] per pixel, background at 0.</summary>
    private static void FillInkMap(DecodedImage image, Span<float> ink)
    {
        var count = ink.Length;
        var rgba = image.Rgba;
        var transparent = 0;
        for (var i = 0; i < count; i++)
            if (rgba[i * 4 + 3] < 10) transparent++;
        if (transparent >= count * TransparentShare)
        {
            for (var i = 0; i < count; i++) ink[i] = rgba[i * 4 + 3];
            Normalize(ink, background: 0);
            return;
        }
        for (var i = 0; i < count; i++)
        {
            var alpha = rgba[i * 4 + 3] / 255f;
            var luminance = 0.299f * rgba[i * 4] + 0.587f * rgba[i * 4 + 1] + 0.114f * rgba[i * 4 + 2];
            ink[i] = alpha * luminance + (1 - alpha) * 255;
        }
        var background = BorderMedian(ink, image.Width, image.Height);
        if (background > 127)
        {
            for (var i = 0; i < count; i++) ink[i] = 255 - ink[i];
            background = 255 - background;
        }
        Normalize(ink, background);
    }

    private static void Normalize(Span<float> values, float background)
    {
        var strongest = float.MinValue;
        foreach (var value in values) strongest = Math.Max(strongest, value);
        if (strongest - background < MinimumContrast)
            throw new ImageRejectedException(ImageProblem.Invalid, "The image has no visible ink: draw or photograph a digit with clear strokes.");
        var range = strongest - background;
        for (var i = 0; i < values.Length; i++)
        {
            var strength = (values[i] - background) / range;
            values[i] = Math.Clamp((strength - NoiseFloor) / (1 - NoiseFloor), 0, 1);
        }
    }

    private static float BorderMedian(ReadOnlySpan<float> values, int width, int height)
    {
        var border = new float[2 * (width + height)];
        var next = 0;
        for (var x = 0; x < width; x++)
        {
            border[next++] = values[x];
            border[next++] = values[(height - 1) * width + x];
        }
        for (var y = 0; y < height; y++)
        {
            border[next++] = values[y * width];
            border[next++] = values[y * width + width - 1];
        }
        Array.Sort(border);
        return border[border.Length / 2];
    }

    private static (int Left, int Top, int Right, int Bottom) InkBounds(ReadOnlySpan<float> ink, int width, int height)
    {
        int left = width, top = height, right = -1, bottom = -1;
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                if (ink[y * width + x] <= 0) continue;
                left = Math.Min(left, x);
                right = Math.Max(right, x);
                top = Math.Min(top, y);
                bottom = Math.Max(bottom, y);
            }
        if (right < 0)
            throw new ImageRejectedException(ImageProblem.Invalid, "The image has no visible ink: draw or photograph a digit with clear strokes.");
        return (left, top, right, bottom);
    }

    /// <summary>Scales the ink box into 20x20 (aspect kept) and centers its mass in 28x28.</summary>
    private static float[] Place(ReadOnlySpan<float> ink, int width, int left, int top, int boxWidth, int boxHeight)
    {
        var scale = (double)BoxSide / Math.Max(boxWidth, boxHeight);
        var outWidth = Math.Clamp((int)Math.Round(boxWidth * scale), 1, BoxSide);
        var outHeight = Math.Clamp((int)Math.Round(boxHeight * scale), 1, BoxSide);
        var scaled = AreaResample(ink, width, left, top, boxWidth, boxHeight, outWidth, outHeight);

        double mass = 0, massX = 0, massY = 0;
        for (var y = 0; y < outHeight; y++)
            for (var x = 0; x < outWidth; x++)
            {
                var v = scaled[y * outWidth + x];
                mass += v;
                massX += v * x;
                massY += v * y;
            }
        // MNIST's digits have their center of mass at (14, 14) in pixel indices (measured: 13.99, 14.00).
        var center = Side / 2.0;
        var offsetX = Math.Clamp((int)Math.Round(center - massX / mass), 0, Side - outWidth);
        var offsetY = Math.Clamp((int)Math.Round(center - massY / mass), 0, Side - outHeight);

        var result = new float[Side * Side];
        for (var y = 0; y < outHeight; y++)
            Array.Copy(scaled, y * outWidth, result, (y + offsetY) * Side + offsetX, outWidth);
        return result;
    }

    /// <summary>Each output pixel is the mean of the source area it covers (an exact box filter, for shrinking and growing).</summary>
    private static float[] AreaResample(ReadOnlySpan<float> source, int sourceWidth, int left, int top, int boxWidth, int boxHeight, int outWidth, int outHeight)
    {
        var result = new float[outWidth * outHeight];
        var stepX = (double)boxWidth / outWidth;
        var stepY = (double)boxHeight / outHeight;
        for (var oy = 0; oy < outHeight; oy++)
        {
            double y0 = oy * stepY, y1 = y0 + stepY;
            for (var ox = 0; ox < outWidth; ox++)
            {
                double x0 = ox * stepX, x1 = x0 + stepX, sum = 0;
                for (var sy = (int)y0; sy < Math.Min(boxHeight, (int)Math.Ceiling(y1)); sy++)
                {
                    var coverY = Math.Min(y1, sy + 1) - Math.Max(y0, sy);
                    var row = (top + sy) * sourceWidth + left;
                    for (var sx = (int)x0; sx < Math.Min(boxWidth, (int)Math.Ceiling(x1)); sx++)
                        sum += source[row + sx] * coverY * (Math.Min(x1, sx + 1) - Math.Max(x0, sx));
                }
                result[oy * outWidth + ox] = (float)(sum / (stepX * stepY));
            }
        }
        return result;
    }
}
