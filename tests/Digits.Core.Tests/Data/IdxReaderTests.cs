using Digits.Tests.Shared;
using Digits.Core.Data;

namespace Digits.Core.Tests.Data;

public sealed class IdxReaderTests : IDisposable
{
    private readonly TemporaryDirectory _folder = new();

    private string Write(string name, byte[] bytes)
    {
        File.WriteAllBytes(_folder.File(name), bytes);
        return _folder.File(name);
    }

    [Fact]
    public void Reads_images_and_labels_raw_and_gzipped_alike()
    {
        var raw = IdxReader.ReadPair(Write("i", IdxFiles.Images(3, 2, 2)), Write("l", IdxFiles.Labels(1, 2, 3)));
        var gzipped = IdxReader.ReadPair(Write("i.gz", IdxFiles.Gzip(IdxFiles.Images(3, 2, 2))), Write("l.gz", IdxFiles.Gzip(IdxFiles.Labels(1, 2, 3))));

        Assert.Equal(3, raw.Count);
        Assert.Equal((2, 2), (raw.Rows, raw.Columns));
        Assert.Equal(new byte[] { 4, 5, 6, 7 }, raw.Image(1).ToArray());
        Assert.Equal(raw.Pixels, gzipped.Pixels);
        Assert.Equal(raw.Labels, gzipped.Labels);
    }

    [Fact]
    public void A_wrong_magic_number_names_the_file_and_the_expected_magic()
    {
        var images = Write("bad-magic", IdxFiles.Images(1, 2, 2, magic: 0x00000801));
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images));
        Assert.Contains("bad-magic", error.Message);
        Assert.Contains("0x00000803", error.Message);
    }

    [Fact]
    public void A_truncated_file_says_how_much_is_missing()
    {
        var images = Write("short", IdxFiles.Images(10, 28, 28, bodyBytes: 100));
        var error = Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images));
        Assert.Contains("short", error.Message);
        Assert.Contains("truncated", error.Message);
    }

    [Fact]
    public void A_file_cut_inside_its_header_is_truncated()
    {
        var images = Write("header", IdxFiles.Images(1, 2, 2)[..9]);
        Assert.Contains("truncated", Assert.Throws<DataFormatException>(() => IdxReader.ReadImages(images)).Message);
    }

    [Fact]
    public void Image_and_label_counts_must_agree()
    {
        var error = Assert.Throws<DataFormatException>(() =>
            IdxReader.ReadPair(Write("i", IdxFiles.Images(3, 2, 2)), Write("labels", IdxFiles.Labels(1, 2))));
        Assert.Contains("2 labels", error.Message);
        Assert.Contains("3 images", error.Message);
    }

    [Fact]
    public void Labels_outside_0_to_9_are_rejected()
    {
        var error = Assert.Throws<DataFormatException>(() =>
            IdxReader.ReadPair(Write("i", IdxFiles.Images(1, 2, 2)), Write("labels", IdxFiles.Labels(12))));
        Assert.Contains("label 12", error.Message);
    }

    [Fact]
    public void A_damaged_gzip_stream_is_reported_as_such()
    {
        var gzip = IdxFiles.Gzip(IdxFiles.Images(50, 28, 28));
        var images = Write("damaged.gz", gzip[..(gzip.Length / 2)]);
        var error = Assert.ThrowsAny<Exception>(() => IdxReader.ReadImages(images));
        Assert.Contains("damaged.gz", error.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var error = Assert.Throws<FileNotFoundException>(() => IdxReader.ReadLabels(_folder.File("absent")));
        Assert.Contains("absent", error.Message);
    }

    public void Dispose() => _folder.Dispose();
}
