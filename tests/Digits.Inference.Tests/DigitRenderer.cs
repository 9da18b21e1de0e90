using SkiaSharp;

namespace Digits.Inference.Tests;

/// <summary>Renders an MNIST digit the way people send digits: large, off-center, on paper or a transparent canvas.</summary>
public static class DigitRenderer
{
    public sealed record Style(string Name, SKColor Paper, SKColor Ink, SKEncodedImageFormat Format, int Quality = 100);

    public static readonly Style BlackOnWhite = new("black ink on white PNG", SKColors.White, SKColors.Black, SKEncodedImageFormat.Png);
    public static readonly Style BlueOnCream = new("blue ink on cream paper PNG", new SKColor(246, 240, 222), new SKColor(20, 40, 160), SKEncodedImageFormat.Png);
    public static readonly Style TransparentCanvas = new("transparent canvas PNG", SKColors.Transparent, new SKColor(17, 17, 17), SKEncodedImageFormat.Png);
    public static readonly Style Jpeg = new("black on white JPEG (quality 80)", SKColors.White, SKColors.Black, SKEncodedImageFormat.Jpeg, 80);

    /// <summary>The 28x28 digit scaled 10x with smooth interpolation, placed at an offset in a larger canvas.</summary>
    public static byte[] Render(ReadOnlySpan<byte> mnist, Style style, int offsetX, int offsetY)
    {
        const int scale = 10;
        using var alpha = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Alpha8, SKAlphaType.Premul));
        System.Runtime.InteropServices.Marshal.Copy(mnist.ToArray(), 0, alpha.GetPixels(), 784);
        using var surface = SKSurface.Create(new SKImageInfo(28 * scale + 240, 28 * scale + 160, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        surface.Canvas.Clear(style.Paper);
        using var image = SKImage.FromBitmap(alpha);
        using var paint = new SKPaint { Color = style.Ink };
        // An alpha-only image drawn with a paint takes the paint's color: ink where the digit is.
        surface.Canvas.DrawImage(image, new SKRect(offsetX, offsetY, offsetX + 28 * scale, offsetY + 28 * scale),
            new SKSamplingOptions(SKCubicResampler.Mitchell), paint);
        using var encoded = surface.Snapshot().Encode(style.Format, style.Quality);
        return encoded.ToArray();
    }
}
