using System.Text.Json.Nodes;
using Digits.Core.Models;
using Digits.Tests.Shared;

namespace Digits.Inference.Tests;

/// <summary>Which model the server serves by default is decided by what each model is (its spec), never by its name.</summary>
public sealed class ModelRegistryTests : IDisposable
{
    private readonly TemporaryDirectory _models = TrainedModels.CopyTo();

    /// <summary>Publishes a copy of the test cnn under another name, with its spec's task and test accuracy changed.</summary>
    private void Publish(string name, string task, double accuracy)
    {
        var source = new ModelStore(_models.Path).Resolve("cnn");
        var target = Path.Combine(_models.Path, name, "20990101T000000Z");
        Directory.CreateDirectory(target);
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        var path = Path.Combine(target, ModelFiles.Metadata);
        var metadata = JsonNode.Parse(File.ReadAllText(path))!;
        metadata["name"] = name;
        metadata["spec"]!["task"] = task;
        metadata["metrics"]!["test"]!["accuracy"] = accuracy;
        File.WriteAllText(path, metadata.ToJsonString());
    }

    [Fact]
    public void A_clothing_classifier_never_becomes_the_default_digit_model_however_accurate()
    {
        Publish("cnn-fashion-mnist", "clothing", 0.9999);
        using var registry = new ModelRegistry(_models.Path);
        Assert.Equal("cnn", registry.DefaultImageModelName);
        Assert.Equal("cnn", registry.DefaultForImages()!.Metadata.Name);
    }

    [Fact]
    public void The_most_accurate_digit_image_model_is_the_default_whatever_its_name()
    {
        Publish("forms", "digits", 0.9999);
        using var registry = new ModelRegistry(_models.Path);
        Assert.Equal("forms", registry.DefaultForImages()!.Metadata.Name);
    }

    [Fact]
    public void The_8x8_model_is_found_by_its_input_and_a_configured_default_wins()
    {
        Publish("forms", "digits", 0.9999);
        using var registry = new ModelRegistry(_models.Path, defaultImageModel: "cnn");
        Assert.Equal("digits8x8-mlp", registry.DefaultFeaturesModelName);
        Assert.Equal("cnn", registry.DefaultForImages()!.Metadata.Name);
    }

    public void Dispose() => _models.Dispose();
}
