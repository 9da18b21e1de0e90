using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Security;

/// <summary>A server started with API keys: the API and /metrics need one; health, the page and the documentation do not.</summary>
public sealed class ApiKeyTests : IAsyncLifetime
{
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string OtherKey = "fedcba9876543210fedcba9876543210";
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _files = new();
    private RunningServer _server = null!;

    private ServerOptions Options => new()
    {
        Urls = "http://127.0.0.1:0", ModelsDirectory = _models.Path, Quiet = true, FeedbackDatabase = _files.File("feedback.db"),
        ApiKeys = Key, ApiKeysFile = KeysFile(),
    };

    private string KeysFile()
    {
        File.WriteAllText(_files.File("keys"), $"# the second client\n{OtherKey}  # since Monday\n\n");
        return _files.File("keys");
    }

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(Options);

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models.Dispose();
        _files.Dispose();
    }

    private Task<HttpResponseMessage> Predict(Action<HttpRequestHeaders> sign)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = Samples.Form(Samples.Photo(0)) };
        sign(request.Headers);
        return _server.Client.SendAsync(request);
    }

    [Fact]
    public async Task An_api_call_without_a_key_is_refused_with_a_problem_that_says_how_to_send_one()
    {
        using var response = await Predict(_ => { });
        Assert.Contains("Authorization: Bearer KEY", await response.Problem(401));
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        using var models = await _server.Client.GetAsync("/models");
        await models.Problem(401);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_and_each_key_is_accepted_either_way_it_is_sent()
    {
        using (var wrong = await Predict(h => h.Authorization = new AuthenticationHeaderValue("Bearer", Key[..^1] + "0")))
            Assert.Contains("not one of this server's keys", await wrong.Problem(401));
        foreach (var key in new[] { Key, OtherKey })
        {
            using var bearer = await Predict(h => h.Authorization = new AuthenticationHeaderValue("Bearer", key));
            Assert.Equal(HttpStatusCode.OK, bearer.StatusCode);
            using var header = await Predict(h => h.Add("X-Api-Key", key));
            Assert.Equal(HttpStatusCode.OK, header.StatusCode);
        }
    }

    [Fact]
    public async Task Health_the_page_and_the_documentation_stay_open_and_metrics_needs_a_key()
    {
        foreach (var open in new[] { "/health/live", "/health/ready", "/", "/js/api.js", "/openapi/v1.json", "/docs/index.html" })
        {
            using var response = await _server.Client.GetAsync(open);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{open}: {response.StatusCode}");
        }
        using var metrics = await _server.Client.GetAsync("/metrics");
        await metrics.Problem(401);

        await using var openMetrics = await RunningServer.StartAsync(Options with { OpenMetrics = true });
        using var scraped = await openMetrics.Client.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        using var api = await openMetrics.Client.GetAsync("/models");
        await api.Problem(401);
    }

    [Fact]
    public async Task The_document_declares_both_ways_to_send_a_key_and_the_401_answer()
    {
        var document = JsonDocument.Parse(await _server.Client.GetStringAsync("/openapi/v1.json")).RootElement;
        var schemes = document.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("bearer", schemes.GetProperty("bearer").GetProperty("scheme").GetString());
        Assert.Equal("X-Api-Key", schemes.GetProperty("apiKey").GetProperty("name").GetString());
        Assert.Equal(2, document.GetProperty("security").GetArrayLength());
        var predict = document.GetProperty("paths").GetProperty("/predict").GetProperty("post");
        Assert.True(predict.GetProperty("responses").TryGetProperty("401", out _));
    }

    [Fact]
    public void Short_keys_and_a_missing_keys_file_are_refused_at_start()
    {
        Assert.Contains(new ServerOptions { ApiKeys = "secret" }.Problems(), p => p.Contains($"at least {ServerOptions.MinimumKeyLength} characters"));
        Assert.Contains(new ServerOptions { ApiKeysFile = _files.File("absent") }.Problems(), p => p.StartsWith("api_keys_file (DIGITS_API_KEYS_FILE)"));
        Assert.Empty(new ServerOptions { ApiKeys = Key }.Problems());
    }
}
