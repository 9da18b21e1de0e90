using System.Net.Http.Headers;
using System.Text;
using Digits.Tests.Shared;
using SkiaSharp;

namespace Digits.Server.Tests.Api;

/// <summary>Every bad input gets its status and a problem+json body that says what was wrong; never a 500.</summary>
public sealed class ErrorTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    private Task<HttpResponseMessage> PostImage(byte[] bytes) => Client.PostAsync("/predict", Samples.Form(bytes));

    private Task<HttpResponseMessage> PostJson(string path, string json) =>
        Client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    private static string Numbers(int count, string value = "3") => string.Join(",", Enumerable.Repeat(value, count));

    [Fact]
    public async Task An_empty_body()
    {
        var content = new ByteArrayContent([]);
        content.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        Assert.Contains("empty", await (await Client.PostAsync("/predict", content)).Problem(400));
        Assert.Contains("'file'", await (await Client.PostAsync("/predict", new MultipartFormDataContent())).Problem(400));
    }

    [Fact]
    public async Task Bytes_that_are_not_an_image() =>
        Assert.Contains("not an image", await (await PostImage("just some text, not a picture"u8.ToArray())).Problem(415));

    [Fact]
    public async Task A_body_of_the_wrong_content_type() =>
        await (await Client.PostAsync("/predict", new StringContent("hello"))).Problem(415);

    [Fact]
    public async Task A_truncated_png()
    {
        var png = Samples.Photo(0);
        Assert.Contains("truncated", await (await PostImage(png[..(png.Length / 2)])).Problem(400));
    }

    [Fact]
    public async Task A_multipart_body_cut_before_its_closing_boundary()
    {
        var body = Encoding.ASCII.GetBytes("--cut\r\nContent-Disposition: form-data; name=\"file\"; filename=\"d.png\"\r\n\r\n")
            .Concat(Samples.Photo(0)).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=cut");
        Assert.Contains("closing boundary", await (await Client.PostAsync("/predict", content)).Problem(400));
    }

    [Fact]
    public async Task A_one_pixel_image() => await (await PostImage(Samples.Solid(1, 1, SKColors.Black))).Problem(400);

    [Fact]
    public async Task An_image_with_no_ink() =>
        Assert.Contains("no visible ink", await (await PostImage(Samples.Solid(200, 200, SKColors.White))).Problem(400));

    [Fact]
    public async Task A_png_announcing_100000_by_100000_pixels_is_refused_before_decoding() =>
        Assert.Contains("100000 x 100000", await (await PostImage(PngHeader.Announcing(100_000, 100_000))).Problem(400));

    [Fact]
    public async Task A_six_megabyte_body()
    {
        var big = new byte[6 * 1024 * 1024];
        Assert.Contains("limit", await (await PostImage(big)).Problem(413));
        var raw = new ByteArrayContent(big);
        raw.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        await (await Client.PostAsync("/predict", raw)).Problem(413);
    }

    [Theory]
    [InlineData("{\"features\": \"sixty-four\"}")]
    [InlineData("{\"features\": [1, 2, \"three\"]}")]
    [InlineData("{\"features\": [NaN]}")]
    [InlineData("[1, 2, 3]")]
    [InlineData("not json")]
    public async Task Wrong_json_types(string body) => await (await PostJson("/predict/features", body)).Problem(400);

    [Theory]
    [InlineData(63)]
    [InlineData(65)]
    [InlineData(0)]
    public async Task The_wrong_number_of_features(int count) =>
        Assert.Contains($"not {count}", await (await PostJson("/predict/features", $"{{\"features\": [{Numbers(count)}]}}")).Problem(400));

    [Theory]
    [InlineData("-1")]
    [InlineData("16.5")]
    [InlineData("1e309")]
    public async Task Features_out_of_range(string value) =>
        await (await PostJson("/predict/features", $"{{\"features\": [{Numbers(63)},{value}]}}")).Problem(400);

    [Fact]
    public async Task NaN_as_a_string_is_not_a_number() =>
        await (await PostJson("/predict/features", $"{{\"features\": [{Numbers(63)},\"NaN\"]}}")).Problem(400);

    [Fact]
    public async Task A_missing_field() =>
        Assert.Contains("'features' is missing", await (await PostJson("/predict/features", "{\"pixels\": [1]}")).Problem(400));

    [Theory]
    [InlineData(783, "3")]
    [InlineData(784, "256")]
    [InlineData(784, "0")]
    public async Task Bad_pixels(int count, string value) =>
        await (await PostJson("/predict/pixels", $"{{\"pixels\": [{Numbers(count, value)}]}}")).Problem(400);

    [Fact]
    public async Task An_unknown_model() =>
        Assert.Contains("Available", await (await Client.PostAsync("/predict?model=nonexistent", Samples.Form(Samples.Photo(0)))).Problem(404));

    [Theory]
    [InlineData("../models")]
    [InlineData("cnn@../../etc")]
    [InlineData("..%2F..%2Fetc")]
    public async Task A_model_name_that_climbs_out_of_the_models_folder(string model) =>
        await (await Client.PostAsync($"/predict?model={model}", Samples.Form(Samples.Photo(0)))).Problem(400);

    [Fact]
    public async Task A_features_model_asked_for_an_image() =>
        Assert.Contains("/predict/features", await (await Client.PostAsync("/predict?model=digits8x8-mlp", Samples.Form(Samples.Photo(0)))).Problem(400));

    [Fact]
    public async Task An_unknown_route_is_a_problem_too() => await (await Client.GetAsync("/nothing-here")).Problem(404);
}
