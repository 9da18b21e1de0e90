using System.Net.Http.Json;
using System.Text.Json;
using Digits.Tests.Shared;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Digits.Server.Tests;

/// <summary>A real Kestrel server on a free loopback port, serving a private copy of the test models.</summary>
public class ServerFixture : IAsyncLifetime
{
    private WebApplication? _app;

    public TemporaryDirectory Models { get; private set; } = null!;
    public HttpClient Client { get; private set; } = null!;

    protected virtual TemporaryDirectory CreateModelsDirectory() => TrainedModels.CopyTo();

    public virtual async Task InitializeAsync()
    {
        Models = CreateModelsDirectory();
        _app = DigitsServer.Build(new ServerOptions { Urls = "http://127.0.0.1:0", ModelsDirectory = Models.Path, Quiet = true });
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Client = new HttpClient { BaseAddress = new Uri(address), Timeout = TimeSpan.FromSeconds(30) };
    }

    public virtual async Task DisposeAsync()
    {
        Client.Dispose();
        if (_app is not null) await _app.DisposeAsync();
        Models.Dispose();
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
