using Digits.Cli.Commands;
using Digits.Training;

namespace Digits.Cli.Tests.Commands;

public sealed class TrainCommandTests
{
    [Theory]
    [InlineData("--epochs", "0")]
    [InlineData("--batch-size", "-3")]
    [InlineData("--lr", "0")]
    [InlineData("--ensemble", "0")]
    public void A_flag_out_of_range_is_refused_in_the_words_of_the_command_line(string flag, string value)
    {
        var result = DigitsCommand.Create().Parse(["train", "--model", "cnn", flag, value]);
        Assert.Contains(result.Errors, e => e.Message.StartsWith($"{flag} must be a positive number", StringComparison.Ordinal));
    }

    [Fact]
    public void An_unknown_recipe_is_refused() =>
        Assert.NotEmpty(DigitsCommand.Create().Parse(["train", "--model", "nope"]).Errors);

    [Fact]
    public void Flags_override_the_recipe_options_and_nothing_else()
    {
        var recipe = Recipes.Get("champion");
        var result = DigitsCommand.Create().Parse(["train", "--model", "champion", "--epochs", "2", "--seed", "5", "--augment", "false"]);
        Assert.Empty(result.Errors);
        Assert.Equal(recipe.Options with { Epochs = 2, Seed = 5, Augment = false }, TrainCommand.Overridden(result, recipe.Options));
    }
}
