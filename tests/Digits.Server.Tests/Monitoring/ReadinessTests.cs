using System.Net;
using System.Text.Json;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Monitoring;

/// <summary>A server that starts with no models: alive, not ready, 503 on predictions, until a model is published.</summary>
public sealed class EmptyServerFixture : ServerFixture
{
    protected override TemporaryDirectory CreateModelsDirectory() => new();
}

public sealed class ReadinessTests(EmptyServerFixture server) : IClassFixture<EmptyServerFixture>
{
    private static void Publish(string sourceFolder, string modelsRoot, string name, string version)
    {
        // As training does: build in a hidden folder, then rename into place.
        var staging = Path.Combine(modelsRoot, name, $".staging-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        foreach (var file in Directory.GetFiles(sourceFolder)) File.Copy(file, Path.Combine(staging, Path.GetFileName(file)));
        Directory.Move(staging, Path.Combine(modelsRoot, name, version));
    }

    private async Task<HttpResponseMessage> WaitFor(Func<Task<HttpResponseMessage>> request, Func<HttpResponseMessage, Task<bool>> done)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var response = await request();
            if (await done(response)) return response;
            response.Dispose();
            await Task.Delay(100);
        }
        throw new TimeoutException("The server did not pick up the new model within 10 seconds.");
    }

    [Fact]
    public async Task Not_ready_without_a_model_ready_once_one_is_published_and_a_newer_version_is_served_without_restart()
    {
        Assert.Equal(HttpStatusCode.OK, (await server.Client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await server.Client.GetAsync("/health/ready")).StatusCode);
        Assert.Contains("./digits train", await (await server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(0)))).Problem(503));

        var trained = Directory.GetDirectories(Path.Combine(TrainedModels.ModelsDirectory, "cnn")).Single();
        Publish(trained, server.Models.Path, "cnn", "20200101T000000Z");
        await WaitFor(() => server.Client.GetAsync("/health/ready"), r => Task.FromResult(r.StatusCode == HttpStatusCode.OK));

        using var first = await server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(0)));
        Assert.Equal("cnn@20200101T000000Z", (await first.Json()).GetProperty("model").GetString());

        Publish(trained, server.Models.Path, "cnn", "20200102T000000Z");
        await WaitFor(() => server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(0))),
            async r => (await r.Json()).GetProperty("model").GetString() == "cnn@20200102T000000Z");
        using var older = await server.Client.PostAsync("/predict?model=cnn@20200101T000000Z", Samples.Form(Samples.Photo(0)));
        Assert.Equal(HttpStatusCode.OK, older.StatusCode);
    }
}
