using Digits.Core.Models;
namespace Digits.Imaging;

/// <summary>Pixels in RGBA order, 8 bits each, alpha not premultiplied, row-major.</summary>
public sealed record DecodedImage(int Width, int Height, byte[] Rgba);
