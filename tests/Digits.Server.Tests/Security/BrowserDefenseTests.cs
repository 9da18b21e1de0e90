using System.Net;
using System.Net.Http.Json;

namespace Digits.Server.Tests.Security;

/// <summary>What a browser-facing server owes the browser: only its own names, no sniffing, a policy for the page, no cross-site writes.</summary>
public sealed class BrowserDefenseTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private HttpClient Client => server.Client;

    [Fact]
    public async Task A_server_on_loopback_refuses_requests_addressed_to_other_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/models") { Headers = { Host = "attacker.example" } };
        using var response = await Client.SendAsync(request);
        Assert.Contains("not to 'attacker.example'", await response.Problem(400));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        using var local = new HttpRequestMessage(HttpMethod.Get, "/models") { Headers = { Host = "localhost" } };
        Assert.Equal(HttpStatusCode.OK, (await Client.SendAsync(local)).StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:5000", new[] { "localhost", "127.0.0.1", "[::1]" })]
    [InlineData("http://localhost:5000;http://[::1]:5001", new[] { "localhost", "127.0.0.1", "[::1]" })]
    [InlineData("http://0.0.0.0:5000", new[] { "*" })]
    [InlineData("http://127.0.0.1:5000;http://0.0.0.0:5001", new[] { "*" })]
    public void Allowed_hosts_follow_where_the_server_listens(string urls, string[] expected) =>
        Assert.Equal(expected, new ServerOptions { Urls = urls }.HostsAllowed);

    [Fact]
    public void Allowed_hosts_can_be_set() =>
        Assert.Equal(["digits.example.com", "localhost"], new ServerOptions { AllowedHosts = "digits.example.com; localhost" }.HostsAllowed);

    [Fact]
    public async Task Answers_are_never_sniffed_and_the_page_allows_only_its_own_sources()
    {
        using var page = await Client.GetAsync("/");
        Assert.Equal("nosniff", page.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single());
        using var script = await Client.GetAsync("/js/app.js");
        Assert.True(script.Headers.Contains("Content-Security-Policy"));
        using var models = await Client.GetAsync("/models");
        Assert.Equal("nosniff", models.Headers.GetValues("X-Content-Type-Options").Single());
        using var docs = await Client.GetAsync("/docs/index.html");
        Assert.False(docs.Headers.Contains("Content-Security-Policy"));
        using var error = await Client.PostAsync("/predict", Samples.Form("not an image"u8.ToArray()));
        Assert.Equal("nosniff", error.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Theory]
    [InlineData("Sec-Fetch-Site", "cross-site")]
    [InlineData("Sec-Fetch-Site", "same-site")]
    [InlineData("Origin", "http://attacker.example")]
    [InlineData("Origin", "null")]
    public async Task Feedback_from_a_page_of_another_site_is_refused(string header, string value)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/feedback") { Content = JsonContent.Create(new { id = "x", label = 1 }) };
        request.Headers.Add(header, value);
        using var response = await Client.SendAsync(request);
        Assert.Contains("another site", await response.Problem(403));
    }

    [Fact]
    public async Task Feedback_from_this_servers_own_page_and_from_code_passes()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/feedback") { Content = JsonContent.Create(new { id = "unknown", label = 1 }) };
        request.Headers.Add("Origin", Client.BaseAddress!.GetLeftPart(UriPartial.Authority));
        request.Headers.Add("Sec-Fetch-Site", "same-origin");
        using var fromPage = await Client.SendAsync(request);
        await fromPage.Problem(404);
        using var fromCode = await Client.PostAsJsonAsync("/feedback", new { id = "unknown", label = 1 });
        await fromCode.Problem(404);
    }
}
