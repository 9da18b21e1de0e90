using Digits.Imaging.Reading;
using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>
/// Replaces some images of each batch with things that are not one digit, made from the batch's own digits
/// (<see cref="NotOneDigit"/>), labelled with the answer after the digits', so that the network learns to tell.
/// Each image is replaced with probability <see cref="Share"/>.
/// </summary>
public sealed class NotOneDigitSynthesis(Generator random)
{
    public const double Share = 0.08;

    public (Tensor Inputs, Tensor Labels) Apply(Tensor inputs, Tensor labels)
    {
        var count = (int)inputs.shape[0];
        var pixels = (int)(inputs.numel() / count);
        var source = inputs.data<float>().ToArray();
        var images = (float[])source.Clone();
        var answers = labels.data<long>().ToArray();
        var chosen = new Random((int)randint(int.MaxValue, [1], generator: random).item<long>());
        float[] Digit(int index) => source.AsSpan(index * pixels, pixels).ToArray();
        for (var i = 0; i < count; i++)
        {
            if (chosen.NextDouble() >= Share) continue;
            NotOneDigit.Compose([Digit(i), Digit(chosen.Next(count)), Digit(chosen.Next(count))], chosen).CopyTo(images, i * pixels);
            answers[i] = Shapes.NotOneDigit;
        }
        return (tensor(images, inputs.shape), tensor(answers));
    }
}
