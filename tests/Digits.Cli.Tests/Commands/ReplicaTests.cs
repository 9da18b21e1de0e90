using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Digits.Core.Data;
using Digits.Data;
using Digits.Imaging;
using Digits.Tests.Shared;

namespace Digits.Cli.Tests.Commands;

/// <summary>Two `digits serve` processes on one PostgreSQL store, as replicas behind a load balancer.</summary>
public sealed class ReplicaTests(PostgreSqlServer postgres) : IClassFixture<PostgreSqlServer>, IDisposable
{
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _scratch = new();
    private readonly List<ServerProcess> _servers = [];

    private async Task<HttpClient> Serve()
    {
        var server = await ServerProcess.Start(_models.Path, "--quiet", "--feedback-db", postgres.Url);
        _servers.Add(server);
        return server.Client;
    }

    private byte[] DigitPng()
    {
        var test = DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!;
        return File.ReadAllBytes(LabeledImageFolder.Write(_scratch.Path, "x", "digit", test.Image(0)));
    }

    [Fact]
    public async Task Feedback_given_through_one_server_process_is_counted_by_the_other()
    {
        var first = await Serve();
        var second = await Serve();

        using var form = new MultipartFormDataContent { { new ByteArrayContent(DigitPng()), "file", "digit.png" } };
        using var predicted = await first.PostAsync("/predict", form);
        var answer = await predicted.Content.ReadFromJsonAsync<JsonElement>();
        var label = (answer.GetProperty("prediction").GetInt32() + 3) % 10;
        using (var feedback = await second.PostAsJsonAsync("/feedback", new { id = answer.GetProperty("id").GetString(), label }))
            Assert.Equal(HttpStatusCode.NoContent, feedback.StatusCode);

        var monitoring = await first.GetFromJsonAsync<JsonElement>("/monitoring");
        var model = monitoring.GetProperty("models").EnumerateArray().Single();
        Assert.Equal(1, model.GetProperty("labelled").GetInt32());
        Assert.Equal(0, model.GetProperty("accuracy").GetDouble());
        var metrics = await second.GetStringAsync("/metrics");
        Assert.Contains($"digits_live_labelled{{model=\"{model.GetProperty("model").GetString()}\"}} 1", metrics);
    }

    public void Dispose()
    {
        foreach (var server in _servers) server.Dispose();
        _models.Dispose();
        _scratch.Dispose();
    }
}
