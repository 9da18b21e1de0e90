namespace Digits.Training.Architectures;

public static class Shapes
{
    public const int Classes = 10;
    public const int MnistSide = Digits.Core.Models.ModelInputEncoding.MnistSide;
    public const int MnistPixels = Digits.Core.Models.ModelInputEncoding.MnistPixels;

    /// <summary>Side length after a 'valid' convolution of size <paramref name="kernel"/>.</summary>
    public static int AfterValidConv(int side, int kernel = 3) => side - kernel + 1;

    public static int AfterPool(int side, int pool = 2) => side / pool;
}
