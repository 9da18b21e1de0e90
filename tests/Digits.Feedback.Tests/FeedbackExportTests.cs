using Digits.Core.Models;
using Digits.Imaging;
using Digits.Tests.Shared;

namespace Digits.Feedback.Tests;

/// <summary>Answers with feedback become a folder of images by label, which reads back as the images the model saw.</summary>
public sealed class FeedbackExportTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _folder = new();
    private IFeedbackStore _store = null!;

    public async Task InitializeAsync() => _store = (await FeedbackDatabase.OpenAsync(_folder.File("feedback.db")))!;

    /// <summary>A vertical bar (a 1) or a ring (a 0) drawn on 28x28, then prepared as serving prepares it: the 784 bytes the model saw.</summary>
    private byte[] Digit(bool ring, int shift = 0)
    {
        var drawn = LabeledImageFolder.Write(_folder.File("drawn"), "x", $"{ring}{shift}", Drawn(ring, shift));
        return ModelInputEncoding.ToBytes(DigitPreprocessor.Process(ImageDecoder.Decode(File.ReadAllBytes(drawn))));
    }

    private static byte[] Drawn(bool ring, int shift)
    {
        var pixels = new byte[ModelInputEncoding.MnistPixels];
        for (var y = 4; y < 24; y++)
        for (var x = 4; x < 24; x++)
        {
            var (dx, dy) = (x - 14 - shift, y - 14);
            var on = ring ? Math.Abs(Math.Sqrt(dx * dx + dy * dy) - 7) < 1.6 : Math.Abs(dx) < 2 && dy is > -9 and < 9;
            if (on) pixels[y * 28 + x] = 255;
        }
        return pixels;
    }

    private static StoredPrediction Answer(string id, string answer, string endpoint, byte[] input, string truth) =>
        new(id, DateTimeOffset.UtcNow, "m@1", endpoint, answer, 0.8, false, input, truth);

    /// <summary>Keeps the answers, then gives each its truth as feedback would.</summary>
    private async Task KeepWithFeedback(IReadOnlyList<StoredPrediction> answers)
    {
        await _store.AddAsync(answers);
        foreach (var answer in answers.Where(a => a.Truth is not null)) await _store.SetTruthAsync(answer.Id, answer.Truth!, DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task Answers_with_feedback_are_written_by_label_and_read_back_as_the_model_saw_them()
    {
        await KeepWithFeedback(
        [
            Answer("wrong", "7", Endpoints.Predict, Digit(ring: false), "1"),
            Answer("right", "0", Endpoints.Pixels, Digit(ring: true), "0"),
            Answer("number", "17", Endpoints.Read, [.. Digit(ring: false), .. Digit(ring: true, shift: 1)], "10"),
            Answer("split", "1", Endpoints.Read, Digit(ring: false), "11"),
            Answer("features", "3", Endpoints.Features, new byte[64], "3"),
            new StoredPrediction("unlabelled", DateTimeOffset.UtcNow, "m@1", Endpoints.Predict, "4", 0.9, false, Digit(ring: true)),
        ]);
        var output = _folder.File("export");

        var outcome = await FeedbackExport.WriteAsync(_store, output, wrongOnly: false);

        Assert.Equal(new Dictionary<string, int> { ["0"] = 2, ["1"] = 2 }, outcome.PerLabel);
        Assert.Equal(2, outcome.Skipped.Count);
        Assert.True(File.Exists(Path.Combine(output, "1", "wrong.png")));
        Assert.True(File.Exists(Path.Combine(output, "0", "number-2.png")));
        var read = LabeledImageFolder.Load(output, [.. Enumerable.Range(0, 10).Select(d => d.ToString())]);
        Assert.Empty(read.Skipped);
        Assert.Equal([0, 0, 1, 1], read.Images.Labels.Order().Select(l => (int)l));
        // The shared preprocessing finds an MNIST-form image already centred: it comes back nearly as it was.
        var zero = read.Images.Image(Array.IndexOf(read.Images.Labels, (byte)0)).ToArray();
        var difference = zero.Zip(Digit(ring: true), (a, b) => Math.Abs(a - b)).Average();
        Assert.True(difference < 8, $"mean difference {difference:F1} of 255");

        var corrections = await FeedbackExport.WriteAsync(_store, _folder.File("corrections"), wrongOnly: true);
        Assert.Equal(3, corrections.Written);
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}
