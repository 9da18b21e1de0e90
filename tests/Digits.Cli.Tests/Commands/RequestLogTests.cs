using System.Net;
using System.Text.Json;
using Digits.Tests.Shared;

namespace Digits.Cli.Tests.Commands;

/// <summary>The line `digits serve` writes for each request.</summary>
public sealed class RequestLogTests : IDisposable
{
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();

    [Fact]
    public async Task A_request_answered_with_an_error_is_logged_with_that_status()
    {
        using var server = await ServerProcess.Start(_models.Path, "--feedback-db", "off");
        using var form = new MultipartFormDataContent { { new ByteArrayContent([]), "file", "empty.png" } };
        using (var answer = await server.Client.PostAsync("/read", form))
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);

        JsonElement? logged = null;
        for (var attempt = 0; attempt < 100 && logged is null; attempt++)
        {
            logged = server.OutputLines.Where(line => line.StartsWith('{')).Select(line => JsonDocument.Parse(line).RootElement)
                .Where(entry => entry.GetProperty("Category").GetString()!.EndsWith("HttpLoggingMiddleware") && entry.GetProperty("State").GetProperty("Path").GetString() == "/read")
                .Select(entry => (JsonElement?)entry.GetProperty("State")).FirstOrDefault();
            if (logged is null) await Task.Delay(100);
        }

        Assert.NotNull(logged);
        Assert.Equal(400, logged.Value.GetProperty("StatusCode").GetInt32());
    }

    public void Dispose() => _models.Dispose();
}
