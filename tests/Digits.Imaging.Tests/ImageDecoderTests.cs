using Digits.Imaging;
using Digits.Tests.Shared;
using SkiaSharp;

namespace Digits.Imaging.Tests;

public sealed class ImageDecoderTests
{
    public static byte[] Png(int width, int height, SKColor color, SKEncodedImageFormat format = SKEncodedImageFormat.Png)
    {
        using var bitmap = new SKBitmap(width, height);
        bitmap.Erase(color);
        using var data = bitmap.Encode(format, 90);
        return data.ToArray();
    }

    [Theory]
    [InlineData(SKEncodedImageFormat.Png)]
    [InlineData(SKEncodedImageFormat.Jpeg)]
    [InlineData(SKEncodedImageFormat.Webp)]
    public void Decodes_the_supported_formats(SKEncodedImageFormat format)
    {
        var image = ImageDecoder.Decode(Png(40, 30, SKColors.Red, format));
        Assert.Equal((40, 30), (image.Width, image.Height));
        Assert.True(image.Rgba[0] > 200 && image.Rgba[1] < 50);
    }

    [Fact]
    public void Refuses_a_huge_image_from_its_header_alone()
    {
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(PngHeader.Announcing(100_000, 100_000)));
        Assert.Equal(ImageProblem.Invalid, error.Problem);
        Assert.Contains("100000 x 100000", error.Message);
    }

    [Fact]
    public void A_truncated_png_is_invalid()
    {
        var png = Png(200, 200, SKColors.Black);
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode(png[..(png.Length / 2)]));
        Assert.Equal(ImageProblem.Invalid, error.Problem);
    }

    [Fact]
    public void Text_is_not_an_image()
    {
        var error = Assert.Throws<ImageRejectedException>(() => ImageDecoder.Decode("hello, this is not an image"u8.ToArray()));
        Assert.Equal(ImageProblem.Unsupported, error.Problem);
    }

    [Fact]
    public void Large_photos_are_decoded_at_a_working_size()
    {
        var image = ImageDecoder.Decode(Png(4000, 3000, SKColors.White, SKEncodedImageFormat.Jpeg));
        Assert.True(Math.Max(image.Width, image.Height) <= 2000);
    }
}
