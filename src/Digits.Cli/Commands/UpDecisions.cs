using Digits.Core.Models;

namespace Digits.Cli.Commands;

/// <summary>What `up` trains before it serves: the default recipe of each role that no model in the folder fills.</summary>
public static class UpDecisions
{
    /// <summary>The recipes to train, the image model first (the page and /predict need it; the 8x8 grid is a bonus).</summary>
    public static IReadOnlyList<string> RecipesToTrain(ModelStore store)
    {
        var specs = store.Newest().Select(m => m.Spec).ToArray();
        var recipes = new List<string>();
        if (!specs.Any(s => s.ReadsDigitImages)) recipes.Add(DefaultRecipes.Images);
        if (!specs.Any(s => s.ReadsDigitFeatures)) recipes.Add(DefaultRecipes.Features);
        return recipes;
    }
}
