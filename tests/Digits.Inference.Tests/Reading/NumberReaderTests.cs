using Digits.Core.Data;
using Digits.Data;
using Digits.Imaging;
using Digits.Imaging.RealWorld;
using Digits.Inference.Reading;
using Digits.Tests.Shared;

namespace Digits.Inference.Tests.Reading;

public sealed class NumberReaderTests
{
    [Fact]
    public void A_digit_the_model_doubts_is_read_as_the_average_of_its_shifted_views()
    {
        using var model = TrainedModels.LoadCnn();
        var test = DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!;
        var random = new Random(5);
        var digits = Enumerable.Range(20, 5).Select(i => InkImage.FromPixels(test.Image(i), test.Rows, test.MaxPixelValue)).ToList();
        var photo = PaperPhoto.Render(HandwrittenNumber.SideBySide(digits, random), new PhotoStyle { Size = 400, Aspect = 5, DigitShare = 0.85 }, random);

        // Every digit below certainty is doubted.
        var reading = NumberReader.Read(model, photo, reviewThreshold: 1);

        Assert.Equal(5, reading.Digits.Count);
        foreach (var digit in reading.Digits)
        {
            var (views, _) = model.ReadCandidates([.. digit.Input, .. ShiftedViews.Shifted(digit.Input)], ShiftedViews.Count);
            var perView = views.Chunk(model.ClassCount).ToArray();
            var expected = perView[0].Max() < 1
                ? Enumerable.Range(0, model.ClassCount).Select(d => perView.Average(view => view[d])).ToArray()
                : perView[0];
            for (var d = 0; d < model.ClassCount; d++) Assert.Equal(expected[d], digit.Probabilities[d], 5);
            Assert.Equal(expected.Max(), digit.Confidence, 5);
        }
    }
}
