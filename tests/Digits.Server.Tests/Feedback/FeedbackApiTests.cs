using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Digits.Server.Tests.Feedback;

/// <summary>POST /feedback on the ids that every answer carries, against a real server and its SQLite file.</summary>
public sealed class FeedbackApiTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    private async Task<string> PredictId(int index = 0)
    {
        using var response = await Client.PostAsync("/predict", Samples.Form(Samples.Photo(index, scale: 2)));
        return (await response.Json()).GetProperty("id").GetString()!;
    }

    private Task<HttpResponseMessage> Feedback(object body) => Client.PostAsJsonAsync("/feedback", body);

    [Fact]
    public async Task Every_answer_has_its_own_id_and_takes_feedback()
    {
        var ids = new List<string> { await PredictId() };
        using (var batch = await Client.PostAsync("/predict/batch", Samples.Form(Samples.Photo(1, 2), Samples.Photo(2, 2))))
            ids.AddRange((await batch.Json()).GetProperty("results").EnumerateArray().Select(r => r.GetProperty("id").GetString()!));
        using (var pixels = await Client.PostAsJsonAsync("/predict/pixels", new { pixels = Samples.MnistPixels(3).Select(p => (int)p) }))
            ids.Add((await pixels.Json()).GetProperty("id").GetString()!);
        using (var features = await Client.PostAsJsonAsync("/predict/features?include_id=true", new { features = Samples.Features(0).Features }))
            ids.Add((await features.Json()).GetProperty("id").GetString()!);
        using (var read = await Client.PostAsync("/read", Samples.Form(Samples.Number([0, 1, 2], stride: 28, scale: 2))))
            ids.Add((await read.Json()).GetProperty("id").GetString()!);

        Assert.Equal(6, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[0-9a-f]{32}$", id));
        foreach (var id in ids[..5])
            using (var response = await Feedback(new { id, label = 7 }))
                Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        using (var response = await Feedback(new { id = ids[5], text = "721" }))
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    [Fact]
    public async Task Feedback_that_cannot_be_right_gets_a_clear_error()
    {
        var id = await PredictId();
        using (var response = await Feedback(new { id = "0193a4c2e1f07b3c9d2e4f5a6b7c8d9e", label = 3 }))
            Assert.Contains("No answer has the id", await response.Problem(404));
        using (var response = await Feedback(new { id, label = 10 }))
            Assert.Contains("from 0 to 9", await response.Problem(400));
        using (var response = await Feedback(new { id, label = 1, text = "1" }))
            Assert.Contains("either 'label'", await response.Problem(400));
        using (var response = await Feedback(new { id }))
            Assert.Contains("either 'label'", await response.Problem(400));
        using (var response = await Feedback(new { id, text = "4 2" }))
            Assert.Contains("digits 0-9", await response.Problem(400));
        using (var response = await Feedback(new { id, text = "42" }))
            Assert.Contains("is one digit", await response.Problem(400));
        using (var response = await Feedback(new { label = 3 }))
            Assert.Contains("'id' is missing", await response.Problem(400));
        using (var response = await Feedback(new { id, label = "three" }))
            await response.Problem(400);
        using (var response = await Client.PostAsync("/feedback", new StringContent("id=1")))
            await response.Problem(415);
    }

    [Fact]
    public async Task Features_answers_keep_the_seeds_two_fields_unless_the_id_is_asked_for()
    {
        using var response = await Client.PostAsJsonAsync("/predict/features", new { features = Samples.Features(0).Features });
        Assert.Equal(["prediction", "confidence"], (await response.Json()).EnumerateObject().Select(p => p.Name));
        using var withId = await Client.PostAsJsonAsync("/predict/features?include_id=true", new { features = Samples.Features(0).Features });
        Assert.Equal(["prediction", "confidence", "id"], (await withId.Json()).EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Concurrent_feedback_is_all_kept_and_the_latest_wins()
    {
        var ids = await Task.WhenAll(Enumerable.Range(0, 24).Select(i => PredictId(Samples.EasyDigits[i % Samples.EasyDigits.Length])));
        var answers = await Task.WhenAll(ids.Select(id => Feedback(new { id, label = 5 })));
        Assert.All(answers, a => Assert.Equal(HttpStatusCode.NoContent, a.StatusCode));
        using (var again = await Feedback(new { id = ids[0], label = 6 })) Assert.Equal(HttpStatusCode.NoContent, again.StatusCode);

        var rows = await StoredTruths(ids);
        Assert.Equal("6", rows[ids[0]]);
        Assert.All(ids[1..], id => Assert.Equal("5", rows[id]));
    }

    private async Task<Dictionary<string, string?>> StoredTruths(IEnumerable<string> ids)
    {
        await using var store = (await Digits.Feedback.FeedbackDatabase.OpenAsync(server.Options.FeedbackSetting))!;
        var truths = new Dictionary<string, string?>();
        foreach (var id in ids) truths[id] = (await store.FindAsync(id))?.Truth;
        return truths;
    }
}
