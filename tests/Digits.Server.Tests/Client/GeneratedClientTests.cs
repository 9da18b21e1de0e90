using Digits.Client;
using Digits.Client.Models;
using Microsoft.Kiota.Abstractions;
using Microsoft.Kiota.Abstractions.Authentication;
using Microsoft.Kiota.Http.HttpClientLibrary;

namespace Digits.Server.Tests.Client;

/// <summary>Every endpoint called through the generated Digits.Client against a real server, errors included.</summary>
public sealed class GeneratedClientTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private DigitsApiClient Digits(HttpClient? http = null, IAuthenticationProvider? authentication = null)
    {
        var client = http ?? server.Client;
        return new DigitsApiClient(new HttpClientRequestAdapter(authentication ?? new AnonymousAuthenticationProvider(), httpClient: client)
            { BaseUrl = client.BaseAddress!.ToString().TrimEnd('/') });
    }

    private static MultipartBody Upload(byte[] png)
    {
        var body = new MultipartBody();
        body.AddOrReplacePart("file", "image/png", png, "digit.png");
        return body;
    }

    [Fact]
    public async Task Predict_batch_pixels_and_features_answer_typed_results()
    {
        var digits = Digits();
        var single = await digits.Predict.PostAsync(Upload(Samples.Photo(0)));
        Assert.Equal(Samples.Label(0), single!.Prediction);
        Assert.False(string.IsNullOrEmpty(single.Id));

        var batch = Upload(Samples.Photo(1));
        batch.AddOrReplacePart("file", "image/png", "not an image"u8.ToArray(), "broken.png");
        var answers = await digits.Predict.Batch.PostAsync(batch);
        Assert.Equal(Samples.Label(1), answers!.Results![0].BatchResultPredictionResponse!.Prediction);
        Assert.Equal(415, answers.Results[1].BatchResultBatchError!.Error!.Status);

        var pixels = await digits.Predict.Pixels.PostAsync(new PixelsRequest { Pixels = Samples.MnistPixels(2).Select(p => (double?)p).ToList() });
        Assert.Equal(Samples.Label(2), pixels!.Prediction);

        var features = await digits.Predict.Features.PostAsync(new FeaturesRequest { Features = Samples.Features(0).Features.Select(f => (double?)f).ToList() });
        Assert.InRange(features!.Prediction!.Value, 0, 9);
    }

    [Fact]
    public async Task Read_feedback_and_monitoring_work_together()
    {
        var digits = Digits();
        var number = await digits.Read.PostAsync(Upload(Samples.Photo([0, 1], scale: 4)),
            request => request.QueryParameters.Length = 2);
        Assert.Equal(2, number!.Text!.Length);

        await digits.Feedback.PostAsync(new FeedbackRequest { Id = number.Id, Text = number.Text });
        var monitoring = await digits.Monitoring.GetAsync(request => request.QueryParameters.Window = "1h");
        Assert.NotNull(monitoring!.Models);
    }

    [Fact]
    public async Task Models_a_model_and_its_report_pictures()
    {
        var digits = Digits();
        var models = await digits.Models.GetAsync();
        Assert.Contains(models!, m => m.Name == "cnn");
        var cnn = await digits.Models["cnn"].GetAsync();
        var picture = cnn!.Report![0].File!;
        await using var png = (await digits.Models["cnn"][cnn.Latest!].Report[picture].GetAsync())!;
        var header = new byte[4];
        await png.ReadExactlyAsync(header);
        Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], header);
    }

    [Fact]
    public async Task A_400_and_a_404_arrive_as_typed_problem_details()
    {
        var digits = Digits();
        var bad = await Assert.ThrowsAsync<ProblemDetails>(() =>
            digits.Predict.Features.PostAsync(new FeaturesRequest { Features = [1, 2, 3] }));
        Assert.Equal(400, bad.Status);
        Assert.Contains("64", bad.Detail);

        var missing = await Assert.ThrowsAsync<ProblemDetails>(() => digits.Models["no-such-model"].GetAsync());
        Assert.Equal(404, missing.Status);
        Assert.False(string.IsNullOrEmpty(missing.Detail));
    }

    [Fact]
    public async Task On_a_server_with_keys_a_key_opens_the_api_and_no_key_is_a_typed_401()
    {
        const string key = "0123456789abcdef0123456789abcdef";
        await using var keyed = await RunningServer.StartAsync(server.Options with { ApiKeys = key, FeedbackDatabase = global::Digits.Feedback.FeedbackDatabase.Off });

        var refused = await Assert.ThrowsAsync<ProblemDetails>(() => Digits(keyed.Client).Models.GetAsync());
        Assert.Equal(401, refused.Status);

        // Kiota's own key provider insists on https; a default header works on either.
        using var withKey = new HttpClient { BaseAddress = keyed.Client.BaseAddress };
        withKey.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.NotEmpty((await Digits(withKey).Models.GetAsync())!);
    }
}
