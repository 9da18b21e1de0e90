using Digits.Core.Data;
using SkiaSharp;

namespace Digits.Training.Reports;

/// <summary>A captioned grayscale image for a picture grid.</summary>
public sealed record GridTile(byte[] Pixels, int Side, string Caption, bool Highlight = false);

/// <summary>Draws small grayscale images in a labelled grid and saves it as PNG: data samples, misclassified digits.</summary>
public static class ImageGrid
{
    public static void SavePng(string path, IReadOnlyList<GridTile> tiles, string title, int columns = 10, int cellPixels = 100, int maxValue = 255)
    {
        const int captionHeight = 22;
        const int titleHeight = 40;
        const int margin = 8;
        var rows = Math.Max(1, (tiles.Count + columns - 1) / columns);
        var width = margin + columns * (cellPixels + margin);
        var height = titleHeight + rows * (cellPixels + captionHeight + margin) + margin;
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        using var titleFont = new SKFont(SKTypeface.Default, 20);
        using var captionFont = new SKFont(SKTypeface.Default, 14);
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var alert = new SKPaint { Color = new SKColor(0xC6, 0x28, 0x28), IsAntialias = true };
        canvas.DrawText(title, margin, 28, SKTextAlign.Left, titleFont, ink);
        if (tiles.Count == 0)
            canvas.DrawText("(none)", margin, titleHeight + 20, SKTextAlign.Left, captionFont, ink);

        for (var i = 0; i < tiles.Count; i++)
        {
            var tile = tiles[i];
            var x = margin + i % columns * (cellPixels + margin);
            var y = titleHeight + i / columns * (cellPixels + captionHeight + margin);
            using var bitmap = ToBitmap(tile.Pixels, tile.Side, maxValue);
            using var image = SKImage.FromBitmap(bitmap);
            canvas.DrawImage(image, new SKRect(x, y, x + cellPixels, y + cellPixels), new SKSamplingOptions(SKFilterMode.Nearest));
            canvas.DrawText(tile.Caption, x + cellPixels / 2f, y + cellPixels + 16, SKTextAlign.Center, captionFont, tile.Highlight ? alert : ink);
        }
        using var png = surface.Snapshot().Encode(SKEncodedImageFormat.Png, 100);
        AtomicFile.Write(path, png.SaveTo);
    }

    private static SKBitmap ToBitmap(byte[] pixels, int side, int maxValue)
    {
        var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        var scaled = pixels.Select(p => (byte)Math.Min(255, p * 255 / maxValue)).ToArray();
        System.Runtime.InteropServices.Marshal.Copy(scaled, 0, bitmap.GetPixels(), scaled.Length);
        return bitmap;
    }
}
