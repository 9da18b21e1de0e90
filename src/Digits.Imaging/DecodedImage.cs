using Digits.Core.Models;
namespace Digits.Imaging;

/// <summary>Pixels in RGBA order, 8 bits each, alpha not premultiplied, row-major.</summary>
public sealed record DecodedImage(int Width, int Height, byte[] Rgba)
{
    /// <summary>Pixels of the uploaded file per pixel here: above 1 when a large photo was decoded at a reduced size.</summary>
    public double Scale { get; init; } = 1;
}
