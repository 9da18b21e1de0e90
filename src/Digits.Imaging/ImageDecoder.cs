using Digits.Core.Models;
using SkiaSharp;

namespace Digits.Imaging;

/// <summary>
/// Decodes PNG, JPEG, BMP, GIF and WebP with SkiaSharp. The header is read first: unsupported formats and
/// images announcing more than <see cref="MaxPixels"/> (any phone photo is under it) are refused before any pixel is
/// decoded. Large images come out at most <see cref="WorkingSide"/> pixels a side (the digit ends up 20 pixels tall
/// anyway): JPEG and WebP scaled while decoding, BMP (and JPEG beyond its smallest scale) row by row
/// (<see cref="RowDecoder"/>). PNG and GIF, whose codecs cannot decode by rows, are decoded whole first, at most
/// <see cref="MaxPixels"/> x 4 bytes (96 MB), and no more than <see cref="ConcurrentWholeDecodes"/> of those at once, then
/// reduced. The EXIF orientation of phone photos is applied.
/// </summary>
public static class ImageDecoder
{
    public const int MaxSide = 16_384;
    public const long MaxPixels = 24_000_000;
    public const int WorkingSide = 1024;
    public static readonly int ConcurrentWholeDecodes = Environment.ProcessorCount;
    private static readonly SemaphoreSlim WholeDecodes = new(ConcurrentWholeDecodes);

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
        var factor = (Math.Max(width, height) + WorkingSide - 1) / WorkingSide;
        var image = Math.Max(scaled.Width, scaled.Height) <= WorkingSide
            ? Decoded(codec, scaled, width)
            : RowDecoder.Decode(codec, factor) ?? Reduced(Whole(codec, width, height), factor);
        return Orientation.Apply(image, codec.EncodedOrigin);
    }

    private static DecodedImage Decoded(SKCodec codec, SKSizeI size, int sourceWidth)
    {
        var info = new SKImageInfo(size.Width, size.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
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
        return new DecodedImage(info.Width, info.Height, pixels) { Scale = (double)sourceWidth / info.Width };
    }

    /// <summary>A large image that can only be decoded whole: a bounded number at once, so that their buffers never add up.</summary>
    private static DecodedImage Whole(SKCodec codec, int width, int height)
    {
        WholeDecodes.Wait();
        try
        {
            return Decoded(codec, new SKSizeI(width, height), width);
        }
        finally
        {
            WholeDecodes.Release();
        }
    }

    /// <summary>A whole-decoded image shrunk by the same block averaging the row decoder uses.</summary>
    private static DecodedImage Reduced(DecodedImage image, int factor)
    {
        var reducer = new BlockReducer(image.Width, image.Height, factor);
        var rowBytes = image.Width * 4;
        for (var y = 0; y < image.Height; y++) reducer.Add(image.Rgba.AsSpan(y * rowBytes, rowBytes), y);
        return reducer.Result(image.Scale);
    }
}
