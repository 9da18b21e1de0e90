using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
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
    private readonly List<Process> _servers = [];

    private async Task<HttpClient> Serve()
    {
        int port;
        using (var listener = new TcpListener(IPAddress.Loopback, 0))
        {
            listener.Start();
            port = ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        var start = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "digits")) { RedirectStandardError = true };
        foreach (var argument in new[] { "--models-dir", _models.Path, "serve", "--urls", $"http://127.0.0.1:{port}", "--quiet", "--feedback-db", postgres.Url })
            start.ArgumentList.Add(argument);
        var server = Process.Start(start)!;
        _servers.Add(server);
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(30) };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var ready = await client.GetAsync("/health/ready");
                if (ready.IsSuccessStatusCode) return client;
            }
            catch (HttpRequestException) when (attempt < 300 && !server.HasExited)
            {
            }
            if (server.HasExited) Assert.Fail($"digits serve stopped: {await server.StandardError.ReadToEndAsync()}");
            Assert.True(attempt < 300, "digits serve was not ready within 30 s");
            await Task.Delay(100);
        }
    }

    private byte[] DigitPng()
    {
        var test = DatasetLoader.Load(TrainedModels.Fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!;
        return File.ReadAllBytes(LabeledImageFolder.Write(_scratch.Path, "x", "digit", test.Image(0)));
    }

    [Fact]
    public async Task Feedback_given_through_one_server_process_is_counted_by_the_other()
    {
        using var first = await Serve();
        using var second = await Serve();

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
        foreach (var server in _servers)
        {
            server.Kill(entireProcessTree: true);
            server.WaitForExit();
            server.Dispose();
        }
        _models.Dispose();
        _scratch.Dispose();
    }
}
