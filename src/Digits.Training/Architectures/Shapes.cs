namespace Digits.Training.Architectures;

public static class Shapes
{
    public const int Classes = 10;
    /// <summary>The answer after the digits' of a model trained with <see cref="Core.Models.TrainingOptions.NotDigits"/>: the input is not one digit.</summary>
    public const int NotOneDigit = Classes;

    /// <summary>The network's outputs: a logit per digit, and one for "not one digit" when trained to tell.</summary>
    public static int Outputs(Core.Models.TrainingOptions options) => options.NotDigits ? Classes + 1 : Classes;
    public const int MnistSide = Digits.Core.Models.ModelInputEncoding.MnistSide;
    public const int MnistPixels = Digits.Core.Models.ModelInputEncoding.MnistPixels;

    /// <summary>Side length after a 'valid' convolution of size <paramref name="kernel"/>.</summary>
    public static int AfterValidConv(int side, int kernel = 3) => side - kernel + 1;

    public static int AfterPool(int side, int pool = 2) => side / pool;
}
