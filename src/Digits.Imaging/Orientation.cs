using Digits.Core.Models;
using SkiaSharp;

namespace Digits.Imaging;

/// <summary>Turns pixels stored in a camera's orientation (EXIF) upright.</summary>
public static class Orientation
{
    public static DecodedImage Apply(DecodedImage image, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft) return image;
        var (w, h) = (image.Width, image.Height);
        var swaps = origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;
        var (outWidth, outHeight) = swaps ? (h, w) : (w, h);
        var result = new byte[image.Rgba.Length];
        for (var y = 0; y < h; y++)
            for (var x = 0; x < w; x++)
            {
                var (tx, ty) = origin switch
                {
                    SKEncodedOrigin.TopRight => (w - 1 - x, y),
                    SKEncodedOrigin.BottomRight => (w - 1 - x, h - 1 - y),
                    SKEncodedOrigin.BottomLeft => (x, h - 1 - y),
                    SKEncodedOrigin.LeftTop => (y, x),
                    SKEncodedOrigin.RightTop => (h - 1 - y, x),
                    SKEncodedOrigin.RightBottom => (h - 1 - y, w - 1 - x),
                    SKEncodedOrigin.LeftBottom => (y, w - 1 - x),
                    _ => (x, y),
                };
                Array.Copy(image.Rgba, (y * w + x) * 4, result, (ty * outWidth + tx) * 4, 4);
            }
        return new DecodedImage(outWidth, outHeight, result) { Scale = image.Scale };
    }
}
