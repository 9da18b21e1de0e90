using System.Net;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Api;

/// <summary>/predict/batch bounded like Triton's max_batch_size, and one bad image answered in its own place.</summary>
public sealed class BatchLimitTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _feedback = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(new ServerOptions
    {
        Urls = "http://127.0.0.1:0", ModelsDirectory = _models.Path, Quiet = true, FeedbackDatabase = _feedback.File("feedback.db"), MaxBatchImages = 4,
    });

    [Fact]
    public async Task A_bad_image_is_answered_in_its_place_and_the_others_are_recognized()
    {
        using var response = await _server.Client.PostAsync("/predict/batch",
            Samples.Form(Samples.Photo(0, scale: 2), "not an image"u8.ToArray(), Samples.Photo(1, scale: 2)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var results = (await response.Json()).GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(Samples.Label(0), results[0].GetProperty("prediction").GetInt32());
        var error = results[1].GetProperty("error");
        Assert.Equal(415, error.GetProperty("status").GetInt32());
        Assert.Contains("not an image", error.GetProperty("detail").GetString());
        Assert.Equal(Samples.Label(1), results[2].GetProperty("prediction").GetInt32());
    }

    [Fact]
    public async Task A_batch_over_the_limit_is_refused_naming_it()
    {
        var tiny = Samples.Solid(2, 2, SkiaSharp.SKColors.White);
        using (var five = await _server.Client.PostAsync("/predict/batch", Samples.Form(Enumerable.Repeat(tiny, 5).ToArray())))
            Assert.Contains("at most 4 images (max_batch_images); this one has 5", await five.Problem(400));
        // Thousands of files stop the form reader itself, long before they are read.
        using var thousands = await _server.Client.PostAsync("/predict/batch", Samples.Form(Enumerable.Repeat(tiny, 3000).ToArray()));
        Assert.Contains("at most 4 images", await thousands.Problem(400));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models.Dispose();
        _feedback.Dispose();
    }
}
