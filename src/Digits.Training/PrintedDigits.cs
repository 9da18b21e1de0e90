using Digits.Core.Models;
using Digits.Imaging;
using Digits.Imaging.RealWorld;
using Digits.Training.Architectures;
using SkiaSharp;

namespace Digits.Training;

/// <summary>
/// Digits printed in the training typefaces (<see cref="Data.FontFetcher.TrainingPackages"/>), each in its regular,
/// emboldened and slanted form, prepared as preprocessing prepares any digit (cropped, into 20x20, centred in 28x28).
/// </summary>
public sealed class PrintedDigits
{
    private readonly List<float[]>[] _byDigit = Enumerable.Range(0, Shapes.Classes).Select(_ => new List<float[]>()).ToArray();

    public PrintedDigits(IEnumerable<string> fontFiles)
    {
        foreach (var file in fontFiles)
        {
            using var typeface = SKTypeface.FromFile(file);
            if (typeface is null || !PrintedDigit.HasDigits(typeface)) continue;
            for (var digit = 0; digit < Shapes.Classes; digit++)
                foreach (var (emboldened, slant) in new[] { (false, 0f), (true, 0f), (false, 0.2f) })
                {
                    var ink = InkCanvas.Crop(PrintedDigit.Render(typeface, digit, emboldened, slant));
                    _byDigit[digit].Add(DigitPreprocessor.Place(ink.Ink, ink.Width, ink.Height));
                }
        }
        if (_byDigit[0].Count == 0) throw new InvalidTrainingOptionsException("No typeface of the training font packages draws digits.");
    }

    public int Typefaces => _byDigit[0].Count / 3;

    public float[] Pick(int digit, Random random) => _byDigit[digit][random.Next(_byDigit[digit].Count)];
}

