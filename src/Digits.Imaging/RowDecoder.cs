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
        var (outWidth, outHeight) = ((width + factor - 1) / factor, (height + factor - 1) / factor);
        var pixels = new byte[outWidth * outHeight * 4];
        var row = new byte[info.RowBytes];
        var sums = new long[outWidth * 4];
        var counts = new int[outWidth];
        var block = -1;
        for (var y = 0; y < height; y++)
        {
            int decoded;
            fixed (byte* destination = row) decoded = codec.GetScanlines((IntPtr)destination, 1, info.RowBytes);
            if (decoded != 1) throw new ImageRejectedException(ImageProblem.Invalid, "The image data is truncated; send the complete file.");
            var outputBlock = codec.GetOutputScanline(y) / factor;
            if (outputBlock != block)
            {
                Flush(pixels, outWidth, block, sums, counts);
                block = outputBlock;
            }
            for (var x = 0; x < width; x++)
            {
                var target = x / factor;
                counts[target]++;
                for (var c = 0; c < 4; c++) sums[target * 4 + c] += row[x * 4 + c];
            }
        }
        Flush(pixels, outWidth, block, sums, counts);
        return new DecodedImage(outWidth, outHeight, pixels) { Scale = (double)width / outWidth };
    }

    private static void Flush(byte[] pixels, int outWidth, int block, long[] sums, int[] counts)
    {
        if (block < 0) return;
        for (var x = 0; x < outWidth; x++)
        {
            for (var c = 0; c < 4; c++) pixels[(block * outWidth + x) * 4 + c] = counts[x] == 0 ? (byte)0 : (byte)(sums[x * 4 + c] / counts[x]);
            counts[x] = 0;
        }
        Array.Clear(sums);
    }
}
