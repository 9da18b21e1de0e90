using System.Text.Json;
using System.Text.Json.Nodes;

namespace Digits.Server.Tests.Client;

/// <summary>
/// Digits.Client is generated from src/Digits.Client/openapi.json; this fails when the server serves another document,
/// so that the client never drifts from the API. `DIGITS_UPDATE_CLIENT=1 dotnet test --filter ClientDriftTests` writes
/// the served document there (review the diff, then build: the client is generated again).
/// </summary>
public sealed class ClientDriftTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly string Snapshot = Path.Combine(Repository.Root, "src", "Digits.Client", "openapi.json");

    [Fact]
    public async Task The_client_is_generated_from_the_document_the_server_serves()
    {
        var served = Normalized(await server.Client.GetStringAsync("/openapi/v1.json"));
        if (Environment.GetEnvironmentVariable("DIGITS_UPDATE_CLIENT") == "1") await File.WriteAllTextAsync(Snapshot, served);
        Assert.True(served == await File.ReadAllTextAsync(Snapshot),
            "The served OpenAPI document differs from src/Digits.Client/openapi.json, which Digits.Client is generated from. " +
            "Run `DIGITS_UPDATE_CLIENT=1 dotnet test tests/Digits.Server.Tests --filter ClientDriftTests`, review the diff and rebuild.");
    }

    /// <summary>The document without its servers (the test server's port), indented as the file keeps it.</summary>
    private static string Normalized(string document)
    {
        var root = JsonNode.Parse(document)!.AsObject();
        root.Remove("servers");
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
    }
}
