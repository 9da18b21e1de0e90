using System.Runtime.InteropServices;
using SkiaSharp;

namespace Digits.Imaging.RealWorld;

/// <summary>A sheet on which pieces of ink are laid out (where they overlap, the stronger ink shows), read back as one <see cref="InkImage"/>.</summary>
public sealed class InkCanvas : IDisposable
{
    private readonly SKBitmap _bitmap;
    private readonly SKCanvas _canvas;

    public InkCanvas(int width, int height)
    {
        _bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        _canvas = new SKCanvas(_bitmap);
        _canvas.Clear(SKColors.Black);
    }

    /// <summary>Draws <paramref name="ink"/> scaled to <paramref name="height"/> pixels tall (aspect kept) with its top-left corner at (x, y).</summary>
    public void Draw(InkImage ink, float x, float y, float height)
    {
        using var source = ToBitmap(ink);
        using var image = SKImage.FromBitmap(source);
        using var paint = new SKPaint { BlendMode = SKBlendMode.Lighten };
        var width = height * ink.Width / ink.Height;
        _canvas.DrawImage(image, new SKRect(x, y, x + width, y + height), new SKSamplingOptions(SKFilterMode.Linear, SKMipmapMode.Linear), paint);
    }

    /// <summary>A printed rule, of ink strength <paramref name="strength"/> in [0,1].</summary>
    public void Rectangle(float x, float y, float width, float height, float strength)
    {
        var level = (byte)Math.Clamp(strength * 255, 0, 255);
        using var paint = new SKPaint { Color = new SKColor(level, level, level), BlendMode = SKBlendMode.Lighten, IsAntialias = true };
        _canvas.DrawRect(x, y, width, height, paint);
    }

    public InkImage ToInk()
    {
        _canvas.Flush();
        return FromBitmap(_bitmap);
    }

    /// <summary>A grayscale (Gray8) bitmap's levels as ink in [0,1]: the inverse of <see cref="ToBitmap"/>.</summary>
    internal static InkImage FromBitmap(SKBitmap bitmap) => new(bitmap.Width, bitmap.Height, bitmap.Bytes.Select(b => b / 255f).ToArray());

    /// <summary>The part of <paramref name="ink"/> that holds ink: a digit without the empty border around it.</summary>
    public static InkImage Crop(InkImage ink, float floor = 0.1f)
    {
        int left = ink.Width, top = ink.Height, right = -1, bottom = -1;
        for (var y = 0; y < ink.Height; y++)
            for (var x = 0; x < ink.Width; x++)
                if (ink.Ink[y * ink.Width + x] > floor)
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
        if (right < 0) return ink;
        var (width, height) = (right - left + 1, bottom - top + 1);
        var cropped = new float[width * height];
        for (var y = 0; y < height; y++)
            Array.Copy(ink.Ink, (y + top) * ink.Width + left, cropped, y * width, width);
        return new InkImage(width, height, cropped);
    }

    internal static SKBitmap ToBitmap(InkImage ink)
    {
        var bitmap = new SKBitmap(new SKImageInfo(ink.Width, ink.Height, SKColorType.Gray8, SKAlphaType.Opaque));
        var pixels = new byte[ink.Ink.Length];
        for (var i = 0; i < pixels.Length; i++) pixels[i] = (byte)Math.Clamp(ink.Ink[i] * 255, 0, 255);
        Marshal.Copy(pixels, 0, bitmap.GetPixels(), pixels.Length);
        return bitmap;
    }

    public void Dispose()
    {
        _canvas.Dispose();
        _bitmap.Dispose();
    }
}
