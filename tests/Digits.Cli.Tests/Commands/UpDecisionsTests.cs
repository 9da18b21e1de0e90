using Digits.Cli.Commands;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Tests.Shared;

namespace Digits.Cli.Tests.Commands;

public sealed class UpDecisionsTests : IDisposable
{
    private readonly TemporaryDirectory _models = new();

    private IReadOnlyList<string> Decide() => UpDecisions.RecipesToTrain(new ModelStore(_models.Path));

    [Fact]
    public void An_empty_folder_gets_both_default_models() =>
        Assert.Equal([DefaultRecipes.Images, DefaultRecipes.Features], Decide());

    [Fact]
    public void A_digit_image_model_under_a_name_of_the_user_own_is_enough()
    {
        StoredModels.Add(_models.Path, "forms-v2", DatasetCatalog.Mnist);
        StoredModels.Add(_models.Path, "grid", DatasetCatalog.Digits8x8);
        Assert.Empty(Decide());
    }

    [Fact]
    public void A_clothing_classifier_is_not_a_digit_model_whatever_its_name()
    {
        StoredModels.Add(_models.Path, "cnn", DatasetCatalog.FashionMnist);
        Assert.Equal([DefaultRecipes.Images, DefaultRecipes.Features], Decide());
    }

    [Fact]
    public void A_model_whose_metadata_cannot_be_read_is_not_counted()
    {
        var folder = Directory.CreateDirectory(Path.Combine(_models.Path, "broken", "20260101T000000Z")).FullName;
        File.WriteAllText(Path.Combine(folder, ModelFiles.Metadata), "{ not json");
        StoredModels.Add(_models.Path, "grid", DatasetCatalog.Digits8x8);
        Assert.Equal([DefaultRecipes.Images], Decide());
    }

    public void Dispose() => _models.Dispose();
}
