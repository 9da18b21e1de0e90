using Digits.Core.Models;

namespace Digits.Core.Tests.Models;

public sealed class ModelReferenceTests
{
    [Theory]
    [InlineData("cnn", "cnn", null)]
    [InlineData("cnn@20261123T101010Z", "cnn", "20261123T101010Z")]
    [InlineData("digits8x8-mlp@v1.2", "digits8x8-mlp", "v1.2")]
    public void Parses_name_and_version(string text, string name, string? version)
    {
        Assert.Equal(new ModelReference(name, version), ModelReference.Parse(text));
    }

    [Theory]
    [InlineData("../etc")]
    [InlineData("cnn@../../secret")]
    [InlineData("cnn@..")]
    [InlineData("a/b")]
    [InlineData("")]
    [InlineData("cnn@1@2")]
    [InlineData("CNN")]
    public void Refuses_anything_that_could_leave_the_models_folder(string text)
    {
        Assert.False(ModelReference.TryParse(text, out _, out var error));
        Assert.NotEmpty(error);
    }
}
