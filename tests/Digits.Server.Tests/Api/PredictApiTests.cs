using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Digits.Server.Tests.Api;

public sealed class PredictApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    [Theory]
    [InlineData("/predict")]
    [InlineData("/predict/")]
    public async Task A_photo_uploaded_as_the_seed_client_does_gets_the_right_digit(string path)
    {
        foreach (var index in Samples.EasyDigits[..4])
        {
            using var response = await Client.PostAsync(path, Samples.Form(Samples.Photo(index)));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = await response.Json();
            Assert.Equal(Samples.Label(index), json.GetProperty("prediction").GetInt32());
            var probabilities = json.GetProperty("probabilities").EnumerateArray().Select(p => p.GetDouble()).ToArray();
            Assert.Equal(10, probabilities.Length);
            Assert.Equal(1, probabilities.Sum(), 3);
            Assert.Equal(probabilities.Max(), json.GetProperty("confidence").GetDouble(), 6);
            Assert.True(json.GetProperty("prediction_time_ms").GetDouble() > 0);
            Assert.StartsWith("cnn@", json.GetProperty("model").GetString());
            Assert.Equal(["id", "prediction", "confidence", "probabilities", "prediction_time_ms", "model", "needs_review"],
                json.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public async Task Needs_review_follows_the_threshold_asked_for_and_flags_a_picture_of_two_digits()
    {
        var one = Samples.Photo(Samples.EasyDigits[0]);
        async Task<JsonElement> Answer(byte[] image, string query = "")
        {
            using var response = await Client.PostAsync($"/predict{query}", Samples.Form(image));
            return await response.Json();
        }
        async Task<bool> NeedsReview(byte[] image, string query = "") => (await Answer(image, query)).GetProperty("needs_review").GetBoolean();
        Assert.False(await NeedsReview(one, "?review_threshold=0"));
        var answer = await Answer(one);
        var threshold = (await (await Client.GetAsync("/models/cnn")).Json()).GetProperty("versions")[0].GetProperty("review").GetProperty("threshold").GetDouble();
        Assert.Equal(answer.GetProperty("confidence").GetDouble() < threshold, answer.GetProperty("needs_review").GetBoolean());
        Assert.True(await NeedsReview(Samples.Photo([Samples.EasyDigits[0], Samples.EasyDigits[1]]), "?review_threshold=0"));
        using var bad = await Client.PostAsync("/predict?review_threshold=1.5", Samples.Form(one));
        Assert.Contains("review_threshold", await bad.Problem(400));
    }

    [Fact]
    public async Task The_models_review_threshold_is_fitted_and_published()
    {
        var cnn = (await (await Client.GetAsync("/models/cnn")).Json()).GetProperty("versions")[0].GetProperty("review");
        Assert.InRange(cnn.GetProperty("threshold").GetDouble(), 0.5, 1);
        Assert.Equal(0.999, cnn.GetProperty("target_precision").GetDouble());
        Assert.InRange(cnn.GetProperty("test_unflagged_accuracy").GetDouble(), 0.99, 1);
    }

    [Fact]
    public async Task The_raw_image_body_works_too()
    {
        var content = new ByteArrayContent(Samples.Photo(Samples.EasyDigits[5]));
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        using var response = await Client.PostAsync("/predict", content);
        Assert.Equal(Samples.Label(Samples.EasyDigits[5]), (await response.Json()).GetProperty("prediction").GetInt32());
    }

    [Fact]
    public async Task Include_input_returns_the_28x28_image_the_model_saw()
    {
        using var response = await Client.PostAsync("/predict?include_input=true", Samples.Form(Samples.Photo(0)));
        var input = (await response.Json()).GetProperty("input").EnumerateArray().Select(v => v.GetDouble()).ToArray();
        Assert.Equal(784, input.Length);
        Assert.InRange(input.Max(), 0.99, 1);
        Assert.Equal(0, input[0]);
    }

    [Fact]
    public async Task A_batch_answers_every_file_in_order()
    {
        var indices = Samples.EasyDigits;
        using var response = await Client.PostAsync("/predict/batch", Samples.Form(indices.Select(i => Samples.Photo(i)).ToArray()));
        var results = (await response.Json()).GetProperty("results").EnumerateArray().ToArray();
        Assert.Equal(indices.Select(Samples.Label), results.Select(r => r.GetProperty("prediction").GetInt32()));
    }

    [Fact]
    public async Task Pixels_are_taken_as_the_model_takes_them()
    {
        var index = Samples.EasyDigits[6];
        using var response = await Client.PostAsJsonAsync("/predict/pixels", new { pixels = Samples.MnistPixels(index).Select(p => (int)p) });
        Assert.Equal(Samples.Label(index), (await response.Json()).GetProperty("prediction").GetInt32());
    }

    [Fact]
    public async Task Features_answer_exactly_as_the_8x8_seed_does()
    {
        var correct = 0;
        for (var index = 0; index < 20; index++)
        {
            var (features, label) = Samples.Features(index);
            using var response = await Client.PostAsJsonAsync("/predict/features", new { features });
            var json = await response.Json();
            Assert.Equal(["prediction", "confidence"], json.EnumerateObject().Select(p => p.Name));
            Assert.InRange(json.GetProperty("confidence").GetDouble(), 0, 1);
            if (json.GetProperty("prediction").GetInt32() == label) correct++;
        }
        Assert.True(correct >= 18, $"{correct} of 20");
    }

    [Fact]
    public async Task A_model_can_be_chosen_by_name_and_version()
    {
        var models = await Client.GetFromJsonAsync<JsonElement>("/models/cnn");
        var version = models.GetProperty("latest").GetString();
        using var response = await Client.PostAsync($"/predict?model=cnn@{version}", Samples.Form(Samples.Photo(0)));
        Assert.Equal($"cnn@{version}", (await response.Json()).GetProperty("model").GetString());
    }

    [Fact]
    public async Task The_int8_model_is_served_on_request()
    {
        var store = new Digits.Core.Models.ModelStore(server.Models.Path);
        var folder = store.Resolve("cnn");
        Digits.Training.ModelExport.ExportInt8(folder, store.ReadMetadata(folder), Digits.Tests.Shared.TrainedModels.Fetcher);
        var version = Path.GetFileName(folder);
        using var response = await Client.PostAsync($"/predict?model=cnn@{version}%2Bint8", Samples.Form(Samples.Photo(Samples.EasyDigits[0])));
        var json = await response.Json();
        Assert.Equal($"cnn@{version}+int8", json.GetProperty("model").GetString());
        Assert.Equal(Samples.Label(Samples.EasyDigits[0]), json.GetProperty("prediction").GetInt32());
    }

    [Fact]
    public async Task Two_hundred_concurrent_requests_all_answer_correctly()
    {
        var photos = Samples.EasyDigits.ToDictionary(i => i, i => Samples.Photo(i));
        var requests = Enumerable.Range(0, 200).Select(async n =>
        {
            var index = Samples.EasyDigits[n % Samples.EasyDigits.Length];
            using var response = await Client.PostAsync("/predict", Samples.Form(photos[index]));
            return (Expected: Samples.Label(index), Actual: (await response.Json()).GetProperty("prediction").GetInt32());
        });
        var answers = await Task.WhenAll(requests);
        Assert.All(answers, a => Assert.Equal(a.Expected, a.Actual));
    }
}
