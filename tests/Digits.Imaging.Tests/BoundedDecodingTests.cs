using SkiaSharp;

namespace Digits.Imaging.Tests;

/// <summary>What one image can cost: a small file announcing a huge image is decoded row by row into the working size, or refused.</summary>
public sealed class BoundedDecodingTests
{
    /// <summary>A 24-bit BMP, stored bottom row first as BMPs are, black on its top <paramref name="inkRows"/> rows and white below.</summary>
    private static byte[] Bmp(int width, int height, int inkRows)
    {
        var rowBytes = (width * 3 + 3) & ~3;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("BM"u8);
        writer.Write(54 + rowBytes * height);
        writer.Write(0);
        writer.Write(54);
        writer.Write(40);
        writer.Write(width);
        writer.Write(height);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(new byte[24]);
        var row = new byte[rowBytes];
        for (var y = height - 1; y >= 0; y--)
        {
            Array.Fill(row, y < inkRows ? (byte)0 : (byte)255, 0, width * 3);
            writer.Write(row);
        }
        return stream.ToArray();
    }

    private static byte[] WidePng(int width, int height)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        bitmap.Erase(SKColors.White);
        using var canvas = new SKCanvas(bitmap);
        canvas.DrawRect(0, 0, width / 2f, height, new SKPaint { Color = SKColors.Black });
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    [Fact]
    public void The_largest_png_costs_its_one_decode_buffer_and_comes_out_at_the_working_size()
    {
        var png = WidePng(16_000, 1_500);
        Assert.True(png.Length < 200_000, $"{png.Length} bytes");
        var allocated = GC.GetAllocatedBytesForCurrentThread();

        var image = ImageDecoder.Decode(png);

        var cost = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(cost < ImageDecoder.MaxPixels * 4 + 10_000_000, $"{cost / 1e6:F1} MB allocated for a 24-megapixel PNG");
        Assert.Equal((1000, 94), (image.Width, image.Height));
        Assert.Equal(16, image.Scale);
        Assert.True(image.Rgba[0] < 10 && image.Rgba[(999 * 4)] > 245, "the left half is black, the right white");
    }

    [Fact]
    public void A_large_bmp_is_decoded_row_by_row_in_a_few_megabytes_and_comes_out_upright()
    {
        var bmp = Bmp(3000, 2000, inkRows: 500);
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var image = ImageDecoder.Decode(bmp);
        var cost = GC.GetAllocatedBytesForCurrentThread() - allocated;
        Assert.True(cost < bmp.Length + 10_000_000, $"{cost / 1e6:F1} MB allocated for a 6-megapixel BMP of {bmp.Length / 1e6:F1} MB");
        Assert.Equal((1000, 667), (image.Width, image.Height));
        Assert.True(image.Rgba[0] < 10, "the top is black");
        Assert.True(image.Rgba[(666 * 1000) * 4] > 245, "the bottom is white");
    }

    [Fact]
    public void More_than_a_phone_photo_is_refused_from_the_header()
    {
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(Digits.Tests.Shared.PngHeader.Announcing(16_384, 3_051)));
        Assert.Contains($"{ImageDecoder.MaxPixels / 1_000_000} megapixels", error.Message);
        Assert.True(ImageDecoder.MaxPixels >= 24_000_000, "a 24-megapixel phone photo must pass");
    }
}
