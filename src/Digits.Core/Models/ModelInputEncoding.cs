using Digits.Core.Data;

namespace Digits.Core.Models;

/// <summary>
/// How stored pixels become model input, in one place for training, evaluation and serving:
/// 28x28 images go in as value / 255 in [0,1]; 8x8 digits go in raw (0..16), the model divides them itself.
/// </summary>
public static class ModelInputEncoding
{
    public const int MnistSide = 28;
    public const int MnistPixels = MnistSide * MnistSide;
    public const float MnistScale = 1f / 255f;

    public static float ScaleFor(int maxPixelValue) => maxPixelValue == Digits8x8CsvReader.MaxValue ? 1f : MnistScale;

    public static void Encode(ReadOnlySpan<byte> pixels, Span<float> destination, int maxPixelValue)
    {
        var scale = ScaleFor(maxPixelValue);
        for (var i = 0; i < pixels.Length; i++) destination[i] = pixels[i] * scale;
    }

    public static float[] Encode(LabeledImages images)
    {
        var values = new float[images.Pixels.Length];
        Encode(images.Pixels, values, images.MaxPixelValue);
        return values;
    }

    /// <summary>The inverse for 28x28 images: values in [0,1] back to the bytes 0..255 they are stored as.</summary>
    public static byte[] ToBytes(ReadOnlySpan<float> mnistValues)
    {
        var bytes = new byte[mnistValues.Length];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(mnistValues[i] * byte.MaxValue), 0, byte.MaxValue);
        return bytes;
    }
}
