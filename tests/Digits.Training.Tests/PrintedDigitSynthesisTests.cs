using Digits.Data;
using Digits.Training.Architectures;
using static TorchSharp.torch;

namespace Digits.Training.Tests;

[Collection(nameof(MnistCollection))]
public sealed class PrintedDigitSynthesisTests(MnistFixture mnist)
{
    private const int Count = 1000;

    [Fact]
    public void Some_digits_are_replaced_by_the_same_digit_printed_in_a_training_typeface_and_what_is_not_a_digit_is_left()
    {
        var printed = new PrintedDigits(mnist.Fetcher.Fonts(FontFetcher.TrainingPackages).Fetch());
        Assert.True(printed.Typefaces >= FontFetcher.TrainingPackages.Count, $"{printed.Typefaces} typefaces");
        var glyph = printed.Pick(7, new Random(1));
        Assert.Equal(28 * 28, glyph.Length);
        Assert.InRange(glyph.Max(), 0.9f, 1);

        using var generator = new Generator(5);
        using var original = BarImages.Batch(Count);
        long[] digits = [.. Enumerable.Range(0, Count).Select(i => i % 10 == 0 ? Shapes.NotOneDigit : (long)(i % 10))];
        using var labels = tensor(digits);
        using var synthesized = new PrintedDigitSynthesis(printed, generator).Apply(BarImages.Batch(Count), labels);

        var changed = synthesized.sub(original).abs().sum([1, 2, 3]).gt(1e-4).data<bool>().ToArray();
        Assert.InRange(changed.Count(c => c), 0.5 * PrintedDigitSynthesis.Share * Count, 1.5 * PrintedDigitSynthesis.Share * Count);
        Assert.DoesNotContain(Enumerable.Range(0, Count), i => changed[i] && digits[i] == Shapes.NotOneDigit);
        Assert.InRange(synthesized.max().item<float>(), 0.9f, 1);
    }
}
