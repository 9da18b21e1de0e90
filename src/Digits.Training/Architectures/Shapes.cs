namespace Digits.Training.Architectures;

public static class Shapes
{
    public const int Classes = 10;
    public const int MnistSide = 28;
    public const int MnistPixels = MnistSide * MnistSide;

    /// <summary>Side length after a 'valid' convolution of size <paramref name="kernel"/>.</summary>
    public static int AfterValidConv(int side, int kernel = 3) => side - kernel + 1;

    public static int AfterPool(int side, int pool = 2) => side / pool;
}
