using Digits.Core.Models;
using SkiaSharp;

namespace Digits.Imaging;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF and WebP with SkiaSharp. The header is read first: unsupported formats and
/// images announcing absurd dimensions are refused before any pixel is decoded. Large photos are decoded at a
/// reduced scale (the digit ends up 20 pixels tall anyway), and the EXIF orientation of phone photos is applied.
/// </summary>
public static class ImageDecoder
{
    public const int MaxSide = 16_384;
    public const long MaxPixels = 50_000_000;
    private const int WorkingSide = 1024;

    private static bool WithinLimits(long width, long height) =>
        width > 0 && height > 0 && width <= MaxSide && height <= MaxSide && width * height <= MaxPixels;

    private static ImageRejectedException TooLarge(long width, long height) =>
        new(ImageProblem.Invalid, $"The image announces {width} x {height} pixels; the limit is {MaxSide} pixels a side and {MaxPixels / 1_000_000} megapixels.");

    private static ImageRejectedException Unreadable(byte[] bytes) =>
        ImageSignature.Format(bytes) is { } format
            ? new(ImageProblem.Invalid, $"The {format} file is damaged: its header cannot be read.")
            : new(ImageProblem.Unsupported, "The file is not an image Digits can read; send a PNG, JPEG, BMP, GIF or WebP.");

    private static readonly HashSet<SKEncodedImageFormat> Supported =
        [SKEncodedImageFormat.Png, SKEncodedImageFormat.Jpeg, SKEncodedImageFormat.Bmp, SKEncodedImageFormat.Gif, SKEncodedImageFormat.Webp];

    public static DecodedImage Decode(byte[] bytes)
    {
        if (bytes.Length == 0)
            throw new ImageRejectedException(ImageProblem.Invalid, "The image is empty (0 bytes).");
        if (ImageSignature.PngSize(bytes) is var (announcedWidth, announcedHeight) && !WithinLimits(announcedWidth, announcedHeight))
            throw TooLarge(announcedWidth, announcedHeight);
        using var data = SKData.CreateCopy(bytes);
        using var codec = SKCodec.Create(data) ?? throw Unreadable(bytes);
        if (!Supported.Contains(codec.EncodedFormat))
            throw new ImageRejectedException(ImageProblem.Unsupported, $"{codec.EncodedFormat} images are not supported; send a PNG, JPEG, BMP, GIF or WebP.");
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        if (!WithinLimits(width, height)) throw TooLarge(width, height);

        var scaled = codec.GetScaledDimensions(Math.Min(1f, (float)WorkingSide / Math.Max(width, height)));
        var info = new SKImageInfo(scaled.Width, scaled.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        SKCodecResult result;
        unsafe
        {
            fixed (byte* destination = pixels)
                result = codec.GetPixels(info, (IntPtr)destination);
        }
        if (result != SKCodecResult.Success)
            throw new ImageRejectedException(ImageProblem.Invalid, result == SKCodecResult.IncompleteInput
                ? "The image data is truncated; send the complete file."
                : $"The image could not be decoded ({result}).");
        return Orientation.Apply(new DecodedImage(info.Width, info.Height, pixels) { Scale = (double)width / info.Width }, codec.EncodedOrigin);
    }
}
