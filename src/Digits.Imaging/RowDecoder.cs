using SkiaSharp;

namespace Digits.Imaging;

/// <summary>
/// Decodes a large image one row at a time, averaging blocks of pixels into an image of the working size: a BMP (which
/// cannot scale while decoding) or a JPEG too large for its smallest scale never needs a full-size buffer, so a small
/// file announcing a huge image costs a few megabytes, not hundreds.
/// </summary>
internal static class RowDecoder
{
    /// <returns>The image reduced by <paramref name="factor"/> on each side, or null when the codec cannot decode by rows (PNG and GIF here).</returns>
    public static unsafe DecodedImage? Decode(SKCodec codec, int factor)
    {
        var (width, height) = (codec.Info.Width, codec.Info.Height);
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        if (codec.StartScanlineDecode(info) != SKCodecResult.Success) return null;
        var reducer = new BlockReducer(width, height, factor);
        var row = new byte[info.RowBytes];
        for (var y = 0; y < height; y++)
        {
            int decoded;
            fixed (byte* destination = row) decoded = codec.GetScanlines((IntPtr)destination, 1, info.RowBytes);
            if (decoded != 1) throw new ImageRejectedException(ImageProblem.Invalid, "The image data is truncated; send the complete file.");
            reducer.Add(row, codec.GetOutputScanline(y));
        }
        return reducer.Result();
    }
}
