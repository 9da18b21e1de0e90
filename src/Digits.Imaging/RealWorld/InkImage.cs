namespace Digits.Imaging.RealWorld;

/// <summary>A grayscale picture of ink: values in [0,1], 1 the strongest ink, row-major.</summary>
public sealed record InkImage(int Width, int Height, float[] Ink)
{
    /// <summary>From stored 8-bit (or 0..16) pixels, white ink on black.</summary>
    public static InkImage FromPixels(ReadOnlySpan<byte> pixels, int side, int maxValue)
    {
        var ink = new float[side * side];
        for (var i = 0; i < ink.Length; i++) ink[i] = pixels[i] / (float)maxValue;
        return new InkImage(side, side, ink);
    }
}
