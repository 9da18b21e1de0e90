using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Tests.Shared;

namespace Digits.Training.Tests;

public sealed class TrainingPlanTests
{
    [Fact]
    public void A_recipe_on_its_own_data_set_publishes_under_its_id()
    {
        var plan = Plans.Of("cnn");
        Assert.Equal("cnn", plan.Name);
        Assert.Equal(RecognitionTask.Digits, plan.Spec.Task);
        Assert.True(plan.Spec.ReadsDigitImages);
    }

    [Fact]
    public void A_recipe_on_another_data_set_publishes_under_a_name_of_its_own_and_says_what_it_recognizes()
    {
        var plan = Plans.Of("cnn", dataset: DatasetCatalog.FashionMnist);
        Assert.Equal("cnn-fashion-mnist", plan.Name);
        Assert.Equal(RecognitionTask.Clothing, plan.Spec.Task);
        Assert.False(plan.Spec.ReadsDigitImages);
        Assert.Equal("cnn", plan.Spec.Recipe);
        Assert.Equal("T-shirt/top", plan.Spec.Labels[0]);
    }

    [Fact]
    public void A_name_of_the_user_own_is_kept_apart_from_the_recipe()
    {
        var plan = Plans.Of("champion-quick", o => o with { Epochs = 1 }, name: "forms-v2");
        Assert.Equal("forms-v2", plan.Name);
        Assert.Equal("champion-quick", plan.Spec.Recipe);
        Assert.Equal(1, plan.Spec.Options.Epochs);
    }

    [Fact]
    public void Overrides_change_only_what_they_name()
    {
        var recipe = Recipes.Get("champion");
        var plan = Plans.Of("champion", o => o with { Seed = 7 });
        Assert.Equal(recipe.Options with { Seed = 7 }, plan.Options);
    }

    [Fact]
    public void The_spec_round_trips_through_json_as_it_is()
    {
        var spec = Plans.Of("cnn-enhanced", o => o with { Limit = 100 }).Spec;
        var read = DigitsJson.Deserialize<ModelSpec>(DigitsJson.Serialize(spec));
        Assert.Equal(spec.Options, read.Options);
        Assert.Equal(spec.Recipe, read.Recipe);
        Assert.Equal(spec.Task, read.Task);
        Assert.True(read.Input.SameShapeAs(spec.Input));
    }
}
