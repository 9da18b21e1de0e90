using System.Net.Http.Json;
using System.Text.Json;
using Digits.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Digits.Server.Tests;

/// <summary>A real Kestrel server on a free loopback port, serving a private copy of the test models, keeping answers in its own SQLite file.</summary>
public class ServerFixture : IAsyncLifetime
{
    private RunningServer? _server;

    public TemporaryDirectory Models { get; private set; } = null!;
    public TemporaryDirectory Feedback { get; } = new();
    public HttpClient Client => _server!.Client;

    protected virtual TemporaryDirectory CreateModelsDirectory() => TrainedModels.CopyTo();

    /// <summary>The options of a server on this fixture's models and feedback file.</summary>
    public ServerOptions Options => new()
        { Urls = "http://127.0.0.1:0", ModelsDirectory = Models.Path, Quiet = true, FeedbackDatabase = Feedback.File("feedback.db") };

    public virtual async Task InitializeAsync()
    {
        Models = CreateModelsDirectory();
        _server = await RunningServer.StartAsync(Options);
    }

    public virtual async Task DisposeAsync()
    {
        if (_server is not null) await _server.DisposeAsync();
        Models.Dispose();
        Feedback.Dispose();
    }
}

/// <summary>A started server and a client for it; disposing it stops the server as Ctrl+C would.</summary>
public sealed class RunningServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private RunningServer(WebApplication app, HttpClient client)
    {
        _app = app;
        Client = client;
    }

    public HttpClient Client { get; }

    public static async Task<RunningServer> StartAsync(ServerOptions options)
    {
        var app = DigitsServer.Build(options);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new RunningServer(app, new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) });
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

public static class Responses
{
    public static async Task<JsonElement> Json(this HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();

    /// <summary>Asserts the API's error shape and returns the detail text.</summary>
    public static async Task<string> Problem(this HttpResponseMessage response, int status)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected {status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var detail = JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString();
        Assert.False(string.IsNullOrWhiteSpace(detail));
        return detail!;
    }
}
