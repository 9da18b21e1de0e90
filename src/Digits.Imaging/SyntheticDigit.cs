using Digits.Core.Models;
using SkiaSharp;

namespace Digits.Imaging;

/// <summary>A one, drawn as a single dark stroke on white and encoded as PNG: an image every decoder and the preprocessing accept.</summary>
public static class SyntheticDigit
{
    public static byte[] Png()
    {
        using var surface = SKSurface.Create(new SKImageInfo(ModelInputEncoding.MnistSide, ModelInputEncoding.MnistSide));
        surface.Canvas.Clear(SKColors.White);
        using var ink = new SKPaint { Color = SKColors.Black, StrokeWidth = 3, IsAntialias = true };
        surface.Canvas.DrawLine(14, 5, 14, 23, ink);
        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
