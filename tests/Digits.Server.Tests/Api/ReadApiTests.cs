using System.Net;
using System.Text.Json;

namespace Digits.Server.Tests.Api;

/// <summary>POST /read on real numbers: MNIST test digits side by side, touching, in a comb field, alone; and nothing at all.</summary>
public sealed class ReadApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;
    private static readonly int[] Number = [.. Samples.EasyDigits[..5]];

    private async Task<JsonElement> Read(byte[] image, string query = "")
    {
        using var response = await Client.PostAsync($"/read{query}", Samples.Form(image));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Json();
    }

    [Fact]
    public async Task Digits_side_by_side_are_read_left_to_right_with_their_boxes()
    {
        var json = await Read(Samples.Number(Number, stride: 28, scale: 4));

        Assert.Equal(Samples.Text(Number), json.GetProperty("text").GetString());
        Assert.Equal(["id", "text", "confidence", "needs_review", "digits", "model", "prediction_time_ms"], json.EnumerateObject().Select(p => p.Name));
        var digits = json.GetProperty("digits").EnumerateArray().ToArray();
        Assert.Equal(Number.Length, digits.Length);
        var product = digits.Aggregate(1.0, (p, d) => p * d.GetProperty("confidence").GetDouble());
        Assert.Equal(product, json.GetProperty("confidence").GetDouble(), 4);
        for (var i = 0; i < digits.Length; i++)
        {
            var box = digits[i].GetProperty("box");
            var (x, width) = (box.GetProperty("x").GetInt32(), box.GetProperty("width").GetInt32());
            // Each digit's box lies inside its own 28x28 cell (112 pixels at scale 4), in the uploaded image's pixels.
            Assert.InRange(x, i * 112, (i + 1) * 112);
            Assert.InRange(x + width, i * 112, (i + 1) * 112);
            Assert.Equal(10, digits[i].GetProperty("probabilities").GetArrayLength());
        }
    }

    [Fact]
    public async Task Touching_neighbours_are_cut_apart()
    {
        // 16 MNIST pixels apart, digits about 20 pixels wide overlap their neighbours.
        var json = await Read(Samples.Number(Number[..3], stride: 16));
        Assert.Equal(Samples.Text(Number[..3]), json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task The_boxes_of_a_comb_field_give_no_characters()
    {
        var json = await Read(Samples.Number(Number, stride: 28, boxes: true));
        Assert.Equal(Samples.Text(Number), json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_space_between_groups_gives_no_character()
    {
        var json = await Read(Samples.Number(Number[..4], stride: 28 + 14, scale: 4));
        Assert.Equal(Samples.Text(Number[..4]), json.GetProperty("text").GetString());
    }

    [Fact]
    public async Task One_digit_alone_gets_the_same_answer_as_predict()
    {
        var photo = Samples.Photo(Samples.EasyDigits[2]);
        // Doubted, as every digit is at this threshold: a doubtful digit of a number is read again, one alone is not.
        const string doubted = "?review_threshold=1";
        using var predicted = await Client.PostAsync($"/predict{doubted}", Samples.Form(photo));
        var prediction = await predicted.Json();

        var json = await Read(photo, doubted);
        var digit = json.GetProperty("digits")[0];
        Assert.Equal(prediction.GetProperty("prediction").GetInt32().ToString(), json.GetProperty("text").GetString());
        Assert.Equal(prediction.GetProperty("confidence").GetDouble(), digit.GetProperty("confidence").GetDouble(), 6);
        Assert.Equal(prediction.GetProperty("needs_review").GetBoolean(), json.GetProperty("needs_review").GetBoolean());
    }

    [Fact]
    public async Task A_length_the_reading_cannot_match_asks_for_review()
    {
        var json = await Read(Samples.Number(Number[..3], stride: 28, scale: 4), "?length=5");
        Assert.True(json.GetProperty("needs_review").GetBoolean());
    }

    [Fact]
    public async Task Nothing_readable_is_a_400_problem()
    {
        using var blank = await Client.PostAsync("/read", Samples.Form(Samples.Solid(400, 80, SkiaSharp.SKColors.White)));
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Equal("application/problem+json", blank.Content.Headers.ContentType?.MediaType);
        Assert.Contains("ink", (await blank.Json()).GetProperty("detail").GetString());

        using var badLength = await Client.PostAsync("/read?length=0", Samples.Form(Samples.Photo(0)));
        Assert.Equal(HttpStatusCode.BadRequest, badLength.StatusCode);
    }
}
