using System.Net;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Api;

/// <summary>A full server says so at once (503 with Retry-After) and keeps answering health checks; a request that gives up frees its place.</summary>
public sealed class BackPressureTests : IAsyncLifetime
{
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _feedback = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(new ServerOptions
    {
        Urls = "http://127.0.0.1:0", ModelsDirectory = _models.Path, Quiet = true, FeedbackDatabase = _feedback.File("feedback.db"),
        MaxConcurrentRequests = 1, MaxQueuedRequests = 0,
    });

    /// <summary>A client that sends the start of an upload and then nothing: its request holds its place until it hangs up.</summary>
    private async Task<System.Net.Sockets.TcpClient> HoldAPlace()
    {
        var address = _server.Client.BaseAddress!;
        var client = new System.Net.Sockets.TcpClient();
        await client.ConnectAsync(address.Host, address.Port);
        await client.GetStream().WriteAsync("POST /predict HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: image/png\r\nContent-Length: 1000\r\n\r\nx"u8.ToArray());
        return client;
    }

    /// <summary>
    /// Asks until the server refuses. The held request may lose the race for the only place to an asking one (it is
    /// then answered 503 at once), or be dropped by the server for sending too slowly; either way a new one holds.
    /// </summary>
    private async Task<(HttpResponseMessage Refused, System.Net.Sockets.TcpClient Holder)> UntilRefused()
    {
        var holder = await HoldAPlace();
        for (var attempt = 0; attempt < 400; attempt++)
        {
            if (holder.Available > 0 || holder.Client.Poll(0, System.Net.Sockets.SelectMode.SelectRead))
            {
                holder.Dispose();
                holder = await HoldAPlace();
                await Task.Delay(50);
            }
            var response = await _server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(1, scale: 2)));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) return (response, holder);
            response.Dispose();
            await Task.Delay(50);
        }
        holder.Dispose();
        throw new TimeoutException("No held request ever took the only place.");
    }

    [Fact]
    public async Task When_full_the_server_answers_503_with_retry_after_keeps_health_up_and_frees_a_place_its_client_gave_up()
    {
        var (refused, holder) = await UntilRefused();
        using (holder)
        using (refused)
        {
            Assert.Contains("try again", await refused.Problem(503));
            Assert.Equal(TimeSpan.FromSeconds(1), refused.Headers.RetryAfter!.Delta);
            using (var live = await _server.Client.GetAsync("/health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
            using (var metrics = await _server.Client.GetAsync("/metrics")) Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }

        for (var attempt = 0; ; attempt++)
        {
            using var response = await _server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(1, scale: 2)));
            if (response.StatusCode == HttpStatusCode.OK) break;
            Assert.True(attempt < 200, "the place of the client that hung up was never freed");
            await Task.Delay(50);
        }
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models.Dispose();
        _feedback.Dispose();
    }
}
