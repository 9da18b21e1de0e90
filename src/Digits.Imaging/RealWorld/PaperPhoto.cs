using SkiaSharp;

namespace Digits.Imaging.RealWorld;

/// <summary>How a photo of ink on paper was taken: each field an effect, chosen at random per image by <see cref="RealWorldSet"/>.</summary>
public sealed record PhotoStyle
{
    /// <summary>The paper's grey level (0..255) and the ink's; their difference is the contrast.</summary>
    public double Paper { get; init; } = 225;
    public double InkLevel { get; init; } = 40;
    /// <summary>Width of the photo in pixels (its height is near it, or set by <see cref="Aspect"/>), and the share of the photo the ink fills along its tighter side.</summary>
    public int Size { get; init; } = 160;
    /// <summary>Width over height, for a photo of a number; unset, the photo is about square.</summary>
    public double? Aspect { get; init; }
    public double DigitShare { get; init; } = 0.6;
    public double RotationDegrees { get; init; }
    public double Shear { get; init; }
    public double BlurSigma { get; init; }
    /// <summary>Standard deviation of grey-level noise.</summary>
    public double Noise { get; init; }
    /// <summary>Share of pixels set to black or white (salt-and-pepper).</summary>
    public double Specks { get; init; }
    /// <summary>How much darker the dimmest corner is than the brightest (0: even light).</summary>
    public double LightFalloff { get; init; }
    /// <summary>How much a soft shadow across part of the photo darkens the paper (0: none).</summary>
    public double Shadow { get; init; }
    /// <summary>Ruled lines across the paper, this many pixels apart (0: none).</summary>
    public int RuledLineSpacing { get; init; }
    public bool Inverted { get; init; }
    /// <summary>JPEG quality; 0 saves a PNG.</summary>
    public int JpegQuality { get; init; }
}

/// <summary>Renders ink as a photo of paper would show it, with the effects a phone or scanner adds, and encodes it.</summary>
public static class PaperPhoto
{
    public static byte[] Render(InkImage digit, PhotoStyle style, Random random)
    {
        var width = style.Size;
        // Drawn for every photo, so that adding Aspect left the real-world set's images as they were.
        var jitter = random.NextDouble();
        var height = style.Aspect is { } aspect ? Math.Max(8, (int)(style.Size / aspect)) : (int)(style.Size * (0.8 + 0.4 * jitter));
        var gray = new float[width * height];
        var paper = (float)style.Paper;
        Array.Fill(gray, paper);
        if (style.RuledLineSpacing > 0) DrawRuledLines(gray, width, height, style, random);
        DrawInk(gray, width, height, digit, style, random);
        Light(gray, width, height, style, random);
        AddNoise(gray, style, random);
        if (style.Inverted)
            for (var i = 0; i < gray.Length; i++) gray[i] = 255 - gray[i];
        return Encode(gray, width, height, style);
    }

    private static void DrawRuledLines(float[] gray, int width, int height, PhotoStyle style, Random random)
    {
        var level = (float)(style.Paper - (style.Paper - style.InkLevel) * (0.3 + 0.3 * random.NextDouble()));
        for (var y = random.Next(style.RuledLineSpacing); y < height; y += style.RuledLineSpacing)
            for (var x = 0; x < width; x++) gray[y * width + x] = level;
    }

    /// <summary>Places the ink (rotated, sheared, scaled) with Skia's filtered sampling, then blends it over the paper.</summary>
    private static void DrawInk(float[] gray, int width, int height, InkImage digit, PhotoStyle style, Random random)
    {
        using var source = InkCanvas.ToBitmap(digit);
        using var target = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(target))
        {
            canvas.Clear(SKColors.Black);
            var scale = (float)(style.DigitShare * Math.Min((double)width / digit.Width, (double)height / digit.Height));
            var freedom = 1 - style.DigitShare;
            canvas.Translate((float)(width * (0.5 + freedom * (random.NextDouble() - 0.5) * 0.6)),
                (float)(height * (0.5 + freedom * (random.NextDouble() - 0.5) * 0.6)));
            canvas.RotateDegrees((float)style.RotationDegrees);
            canvas.Concat(SKMatrix.CreateSkew((float)style.Shear, 0));
            canvas.Scale(scale);
            canvas.Translate(-digit.Width / 2f, -digit.Height / 2f);
            using var image = SKImage.FromBitmap(source);
            using var paint = new SKPaint();
            canvas.DrawImage(image, 0, 0, new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
        }
        var ink = BlurredInk(target, style.BlurSigma);
        var level = (float)style.InkLevel;
        for (var i = 0; i < gray.Length; i++) gray[i] += (level - gray[i]) * ink[i];
    }

    private static float[] BlurredInk(SKBitmap target, double sigma)
    {
        var result = new float[target.Width * target.Height];
        var bytes = target.Bytes;
        if (sigma > 0)
        {
            using var blurred = new SKBitmap(target.Info);
            using var canvas = new SKCanvas(blurred);
            using var paint = new SKPaint { ImageFilter = SKImageFilter.CreateBlur((float)sigma, (float)sigma) };
            canvas.Clear(SKColors.Black);
            canvas.DrawBitmap(target, 0, 0, paint);
            canvas.Flush();
            bytes = blurred.Bytes;
        }
        for (var i = 0; i < result.Length; i++) result[i] = bytes[i] / 255f;
        return result;
    }

    private static void Light(float[] gray, int width, int height, PhotoStyle style, Random random)
    {
        var angle = random.NextDouble() * 2 * Math.PI;
        var (dx, dy) = (Math.Cos(angle), Math.Sin(angle));
        var shadowAngle = random.NextDouble() * 2 * Math.PI;
        var (sx, sy) = (Math.Cos(shadowAngle), Math.Sin(shadowAngle));
        var shadowOffset = (random.NextDouble() - 0.5) * 0.6;
        var softness = 0.03 + 0.1 * random.NextDouble();
        for (var y = 0; y < height; y++)
            for (var x = 0; x < width; x++)
            {
                double u = (double)x / width - 0.5, v = (double)y / height - 0.5;
                var gain = 1 - style.LightFalloff * (0.5 + (u * dx + v * dy));
                if (style.Shadow > 0) gain *= 1 - style.Shadow / (1 + Math.Exp(-((u * sx + v * sy) - shadowOffset) / softness));
                gray[y * width + x] *= (float)gain;
            }
    }

    private static void AddNoise(float[] gray, PhotoStyle style, Random random)
    {
        for (var i = 0; i < gray.Length; i++)
        {
            if (style.Noise > 0) gray[i] += (float)(style.Noise * Gaussian(random));
            if (style.Specks > 0 && random.NextDouble() < style.Specks) gray[i] = random.Next(2) == 0 ? 0 : 255;
        }
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());

    private static byte[] Encode(float[] gray, int width, int height, PhotoStyle style)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = new byte[gray.Length];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Clamp(Math.Round(gray[i]), 0, 255);
        System.Runtime.InteropServices.Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        using var image = SKImage.FromBitmap(bitmap);
        using var data = style.JpegQuality > 0 ? image.Encode(SKEncodedImageFormat.Jpeg, style.JpegQuality) : image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }
}
