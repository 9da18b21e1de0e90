using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>
/// Replaces some digits of each batch with the same digit printed (<see cref="PrintedDigits"/>), so that a network
/// trained on handwriting also reads print: each digit is replaced with probability <see cref="Share"/>.
/// </summary>
public sealed class PrintedDigitSynthesis(PrintedDigits printed, Generator random)
{
    public const double Share = 0.05;

    public Tensor Apply(Tensor inputs, Tensor labels)
    {
        var count = (int)inputs.shape[0];
        var pixels = (int)(inputs.numel() / count);
        var images = inputs.data<float>().ToArray();
        var digits = labels.data<long>().ToArray();
        var chosen = new Random((int)randint(int.MaxValue, [1], generator: random).item<long>());
        for (var i = 0; i < count; i++)
            if (digits[i] < Shapes.Classes && chosen.NextDouble() < Share)
                printed.Pick((int)digits[i], chosen).CopyTo(images, i * pixels);
        return tensor(images, inputs.shape);
    }
}
