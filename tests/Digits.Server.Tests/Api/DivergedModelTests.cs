using System.Text.Json;
using System.Text.Json.Nodes;
using Digits.Core.Models;
using Digits.Tests.Shared;

namespace Digits.Server.Tests.Api;

/// <summary>A server whose cnn diverged in its first epoch: its metadata holds a NaN loss, as training wrote it.</summary>
public sealed class DivergedModelServer : ServerFixture
{
    protected override TemporaryDirectory CreateModelsDirectory()
    {
        var models = TrainedModels.CopyTo();
        var path = Path.Combine(new ModelStore(models.Path).Resolve("cnn"), ModelFiles.Metadata);
        var metadata = JsonNode.Parse(File.ReadAllText(path))!;
        metadata["history"]![0]!["train_loss"] = "NaN";
        File.WriteAllText(path, metadata.ToJsonString());
        return models;
    }
}

public sealed class DivergedModelTests(DivergedModelServer server) : IClassFixture<DivergedModelServer>
{
    [Fact]
    public async Task Models_still_lists_a_model_whose_metadata_holds_a_NaN()
    {
        using var response = await server.Client.GetAsync("/models");
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, body);
        var history = JsonDocument.Parse(body).RootElement[0].GetProperty("versions")[0].GetProperty("history")[0];
        Assert.Equal("NaN", history.GetProperty("train_loss").GetString());
    }
}
