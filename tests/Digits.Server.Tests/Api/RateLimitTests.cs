using System.Net;
using System.Net.Http.Headers;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Api;

/// <summary>With a rate limit, each client (its API key while keys are on) has its own budget a minute; over it, 429 with Retry-After, and health stays open.</summary>
public sealed class RateLimitTests : IAsyncLifetime
{
    private const int PerMinute = 3;
    private const string Key = "0123456789abcdef0123456789abcdef";
    private const string OtherKey = "fedcba9876543210fedcba9876543210";
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();
    private readonly TemporaryDirectory _feedback = new();
    private RunningServer _server = null!;

    public async Task InitializeAsync() => _server = await RunningServer.StartAsync(new ServerOptions
    {
        Urls = "http://127.0.0.1:0", ModelsDirectory = _models.Path, Quiet = true, FeedbackDatabase = _feedback.File("feedback.db"),
        ApiKeys = $"{Key},{OtherKey}", RateLimitPerMinute = PerMinute,
    });

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        _models.Dispose();
        _feedback.Dispose();
    }

    private Task<HttpResponseMessage> Predict(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/predict") { Content = Samples.Form(Samples.Photo(3)) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return _server.Client.SendAsync(request);
    }

    [Fact]
    public async Task A_client_over_its_budget_gets_429_with_retry_after_while_another_client_and_health_checks_are_answered()
    {
        for (var i = 0; i < PerMinute; i++)
        {
            using var allowed = await Predict(Key);
            Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
        }

        using var refused = await Predict(Key);
        Assert.Contains($"at most {PerMinute} API requests a minute", await refused.Problem(429));
        Assert.InRange(refused.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromMinutes(1));

        using (var other = await Predict(OtherKey)) Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        using (var live = await _server.Client.GetAsync("/health/live")) Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task A_request_without_a_key_is_refused_for_its_key_not_counted_against_anyone()
    {
        for (var i = 0; i < PerMinute + 1; i++)
        {
            using var anonymous = await _server.Client.PostAsync("/predict", Samples.Form(Samples.Photo(3)));
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }
        using var keyed = await Predict(OtherKey);
        Assert.Equal(HttpStatusCode.OK, keyed.StatusCode);
    }
}
