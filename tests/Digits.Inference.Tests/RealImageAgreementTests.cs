using Digits.Data;
using Digits.Core.Data;
using Digits.Imaging;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Tests.Shared;
using Xunit.Abstractions;

namespace Digits.Inference.Tests;

/// <summary>
/// MNIST test digits rendered as people send them must get the answer the original MNIST image gets:
/// the preprocessing recovers MNIST's form from photos and drawings.
/// </summary>
public sealed class RealImageAgreementTests(ITestOutputHelper output)
{
    private const int Samples = 300;
    private const double RequiredAgreement = 0.99;

    public static TheoryData<string> Styles => new()
    {
        DigitRenderer.BlackOnWhite.Name, DigitRenderer.BlueOnCream.Name, DigitRenderer.TransparentCanvas.Name, DigitRenderer.Jpeg.Name,
    };

    [Theory]
    [MemberData(nameof(Styles))]
    public void Rendered_digits_get_the_prediction_of_the_original(string styleName)
    {
        var style = new[] { DigitRenderer.BlackOnWhite, DigitRenderer.BlueOnCream, DigitRenderer.TransparentCanvas, DigitRenderer.Jpeg }
            .Single(s => s.Name == styleName);
        using var model = TrainedModels.LoadCnn();
        var test = DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!.Take(Samples);

        var predictor = DigitPredictor.Direct();
        var agree = 0;
        var random = new Random(11);
        for (var i = 0; i < test.Count; i++)
        {
            var original = new float[784];
            ModelInputEncoding.Encode(test.Image(i), original, 255);
            var expected = Evaluation.ArgMax(model.Run(original, 1));
            var rendered = DigitRenderer.Render(test.Image(i), style, random.Next(0, 240), random.Next(0, 160));
            if (predictor.FromImage(model, rendered).Digit == expected) agree++;
        }

        var rate = (double)agree / test.Count;
        output.WriteLine($"{style.Name}: {agree} of {test.Count} agree ({rate:P1})");
        Assert.True(rate >= RequiredAgreement, $"{style.Name}: only {rate:P1} agree");
    }
}
