using System.Diagnostics;
using System.Text.Json;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Api;

/// <summary>
/// The served OpenAPI document, linted as integrators lint it: Redocly CLI's recommended rules, with the waivers (and
/// their reasons) in tools/openapi-lint/redocly.yaml. Any error or warning fails.
/// </summary>
public sealed class OpenApiLintTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Tool = Path.Combine(Repository.Root, "tools", "openapi-lint");

    [Fact]
    public async Task The_document_passes_the_recommended_rules()
    {
        Assert.Equal((0, 0), await LintAsync(server.Client));
    }

    [Fact]
    public async Task The_document_of_a_server_with_api_keys_passes_them_too()
    {
        await using var keyed = await RunningServer.StartAsync(server.Options with
            { ApiKeys = "0123456789abcdef0123456789abcdef", FeedbackDatabase = Digits.Feedback.FeedbackDatabase.Off });
        Assert.Equal((0, 0), await LintAsync(keyed.Client));
    }

    /// <returns>The errors and warnings Redocly counted.</returns>
    private static async Task<(int Errors, int Warnings)> LintAsync(HttpClient client)
    {
        using var folder = new TemporaryDirectory();
        var document = folder.File("openapi.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync("/openapi/v1.json"));
        var redocly = Path.Combine(Tool, "node_modules", ".bin", "redocly");
        if (!File.Exists(redocly)) Run("npm", ["ci", "--no-audit", "--no-fund"]);
        var report = Run(redocly, ["lint", document, "--config", Path.Combine(Tool, "redocly.yaml"), "--format=json"]);
        var totals = JsonDocument.Parse(report).RootElement.GetProperty("totals");
        var counts = (totals.GetProperty("errors").GetInt32(), totals.GetProperty("warnings").GetInt32());
        Assert.True(counts == (0, 0), $"Redocly found problems in the served document:\n{report}");
        return counts;
    }

    /// <returns>What the tool wrote to standard output (Redocly writes its JSON report there).</returns>
    private static string Run(string tool, string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { WorkingDirectory = Tool, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Redocly CLI reports usage and checks for updates over the network unless told not to.
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(TimeSpan.FromMinutes(3)), $"{tool} did not finish within 3 minutes");
        Assert.True(process.ExitCode == 0 || tool.EndsWith("redocly"), $"{tool} {string.Join(' ', arguments)} failed: {error.Result}");
        return output;
    }
}
