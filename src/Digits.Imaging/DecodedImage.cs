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

    /// <summary>
    /// Where the uploaded file's own pixels lie, in its coordinates, when this picture also holds pixels of none of them
    /// (a levelled picture's corners); null when it holds the file's pixels only.
    /// </summary>
    public (double Left, double Top, double Right, double Bottom)? Content { get; init; }

    /// <summary>Whether a point of this picture shows the uploaded file, not a corner filled in around it.</summary>
    public bool ShowsUploaded(double x, double y)
    {
        if (Content is not { } content) return true;
        var (ux, uy) = ToUploaded(x, y);
        return ux >= content.Left && ux <= content.Right && uy >= content.Top && uy <= content.Bottom;
    }

    /// <summary>
    /// The upright frame, in the uploaded file's pixels, of a rectangle of this picture (of its four corners, when the
    /// picture was levelled), within <see cref="Content"/>.
    /// </summary>
    public (double Left, double Top, double Right, double Bottom) UploadedFrame(double left, double top, double right, double bottom)
    {
        var corners = new[] { ToUploaded(left, top), ToUploaded(right, top), ToUploaded(left, bottom), ToUploaded(right, bottom) };
        var (leftmost, topmost, rightmost, lowest) = Content ?? (double.MinValue, double.MinValue, double.MaxValue, double.MaxValue);
        return (Math.Max(leftmost, corners.Min(c => c.X)), Math.Max(topmost, corners.Min(c => c.Y)),
            Math.Min(rightmost, corners.Max(c => c.X)), Math.Min(lowest, corners.Max(c => c.Y)));
    }

    /// <summary>Where a point of this picture lies in the uploaded file's pixels.</summary>
    public (double X, double Y) ToUploaded(double x, double y)
    {
        var (sin, cos) = Math.SinCos(Rotation);
        return (Origin.X + (x * cos - y * sin) * Scale, Origin.Y + (x * sin + y * cos) * Scale);
    }
}
