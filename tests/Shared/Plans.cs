using Digits.Core.Models;
using Digits.Training;

namespace Digits.Tests.Shared;

/// <summary>Training plans as the CLI makes them: a recipe's options with a test's overrides.</summary>
public static class Plans
{
    public static TrainingPlan Of(string recipe, Func<TrainingOptions, TrainingOptions>? overrides = null, string? dataset = null, string? name = null)
    {
        var found = Recipes.Get(recipe);
        return TrainingPlan.Create(found, overrides?.Invoke(found.Options) ?? found.Options, dataset, name);
    }
}
