using Digits.Tests.Shared;
using Digits.Core.Data;

namespace Digits.Core.Tests.Data;

public sealed class Digits8x8CsvReaderTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    private string Write(params string[] lines)
    {
        var path = _folder.File("digits.csv");
        File.WriteAllLines(path, lines);
        return path;
    }

    private static string Line(int pixel, int label) => string.Join(',', Enumerable.Repeat(pixel, 64).Append(label));

    [Fact]
    public void Reads_64_pixels_and_a_label_per_line()
    {
        var digits = Digits8x8CsvReader.Read(Write(Line(16, 3), Line(0, 7)));
        Assert.Equal(2, digits.Count);
        Assert.Equal((8, 8, 16), (digits.Rows, digits.Columns, digits.MaxPixelValue));
        Assert.Equal(new byte[] { 3, 7 }, digits.Labels);
        Assert.All(digits.Image(0).ToArray(), p => Assert.Equal(16, p));
    }

    [Fact]
    public void A_short_line_names_its_number()
    {
        var error = Assert.Throws<DataFormatException>(() => Digits8x8CsvReader.Read(Write(Line(1, 1), "1,2,3")));
        Assert.Contains("line 2", error.Message);
        Assert.Contains("3 values", error.Message);
    }

    [Theory]
    [InlineData(17)]
    [InlineData(-1)]
    public void Pixels_outside_0_to_16_are_rejected(int pixel)
    {
        var error = Assert.Throws<DataFormatException>(() => Digits8x8CsvReader.Read(Write(Line(pixel, 1))));
        Assert.Contains("0..16", error.Message);
    }

    [Fact]
    public void An_empty_file_holds_no_samples()
    {
        Assert.Contains("no samples", Assert.Throws<DataFormatException>(() => Digits8x8CsvReader.Read(Write())).Message);
    }

    public void Dispose() => _folder.Dispose();
}
