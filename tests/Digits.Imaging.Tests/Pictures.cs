namespace Digits.Imaging.Tests;

/// <summary>Pictures painted pixel by pixel: grey paper (or a transparent canvas) with rectangles of ink.</summary>
public static class Pictures
{
    public static DecodedImage Blank(int width, int height, byte value, byte alpha = 255)
    {
        var rgba = new byte[width * height * 4];
        for (var i = 0; i < width * height; i++)
        {
            rgba[i * 4] = rgba[i * 4 + 1] = rgba[i * 4 + 2] = value;
            rgba[i * 4 + 3] = alpha;
        }
        return new DecodedImage(width, height, rgba);
    }

    public static DecodedImage Paint(DecodedImage image, int left, int top, int width, int height, byte value, byte alpha = 255)
    {
        for (var y = top; y < top + height; y++)
            for (var x = left; x < left + width; x++)
            {
                var i = (y * image.Width + x) * 4;
                image.Rgba[i] = image.Rgba[i + 1] = image.Rgba[i + 2] = value;
                image.Rgba[i + 3] = alpha;
            }
        return image;
    }
}
