using Digits.Core.Models;
namespace Digits.Imaging;

/// <summary>Pixels in RGBA order, 8 bits each, alpha not premultiplied, row-major.</summary>
public sealed record DecodedImage(int Width, int Height, byte[] Rgba)
{
    /// <summary>Pixels of the uploaded file per pixel here: above 1 when a large photo was decoded at a reduced size.</summary>
    public double Scale { get; init; } = 1;

    /// <summary>Where this picture's top-left pixel lies in the uploaded file's pixels: not at 0 when it was cropped out of it.</summary>
    public (double X, double Y) Origin { get; init; }

    /// <summary>How far this picture's axes are turned (radians, clockwise as it is shown) from the uploaded file's: not 0 when it was levelled.</summary>
    public double Rotation { get; init; }

    /// <summary>Where a point of this picture lies in the uploaded file's pixels.</summary>
    public (double X, double Y) ToUploaded(double x, double y)
    {
        var (sin, cos) = Math.SinCos(Rotation);
        return (Origin.X + (x * cos - y * sin) * Scale, Origin.Y + (x * sin + y * cos) * Scale);
    }
}
