using Digits.Core.Data;
using Digits.Core.Models;

namespace Digits.Training;

/// <summary>What one run will do: train a recipe with resolved options on a data set, and publish under a name.</summary>
public sealed record TrainingPlan(ModelRecipe Recipe, string Name, DatasetInfo Dataset, TrainingOptions Options)
{
    /// <summary>The recipe's id on its own data set; on another one the data set is part of the name, so the two never mix.</summary>
    public static string DefaultName(ModelRecipe recipe, string dataset) =>
        dataset == recipe.DefaultDataset ? recipe.Id : $"{recipe.Id}-{dataset}";

    /// <param name="options">The recipe's options with the run's overrides; null: the recipe's own.</param>
    /// <param name="dataset">Null: the recipe's own data set.</param>
    /// <param name="name">Where to publish; null: <see cref="DefaultName"/>.</param>
    /// <exception cref="InvalidTrainingOptionsException">The run cannot be done as asked.</exception>
    public static TrainingPlan Create(ModelRecipe recipe, TrainingOptions? options = null, string? dataset = null, string? name = null)
    {
        var resolved = options ?? recipe.Options;
        resolved.Validate();
        var data = DatasetCatalog.All.FirstOrDefault(d => d.Name == (dataset ?? recipe.DefaultDataset))
                   ?? throw new InvalidTrainingOptionsException($"There is no data set '{dataset}'. Known: {string.Join(", ", DatasetCatalog.Names)}.");
        if (!data.Input.SameShapeAs(recipe.Input))
            throw new InvalidTrainingOptionsException($"Recipe '{recipe.Id}' takes {recipe.Input.Description}; {data.Name} holds {data.Input.Description}.");
        if (resolved.ShiftViews && !recipe.Input.IsImage)
            throw new InvalidTrainingOptionsException($"Shift views need a model of 28x28 images; '{recipe.Id}' takes {recipe.Input.Description}.");
        if ((resolved.NotDigits || resolved.PrintedDigits) && !(data.Task == RecognitionTask.Digits && recipe.Input.IsImage))
            throw new InvalidTrainingOptionsException($"--not-digits and --printed-digits need a model of 28x28 digit images; '{recipe.Id}' on {data.Name} is not one.");
        var published = name ?? DefaultName(recipe, data.Name);
        if (!ModelReference.TryParse(published, out var reference, out var error) || reference.Version is not null)
            throw new InvalidTrainingOptionsException(reference.Version is null ? error : $"'{published}' is a name and a version; a model is published under a name alone.");
        return new TrainingPlan(recipe, published, data, resolved);
    }

    /// <summary>The plan a checkpoint saved, so that a resumed run is the same run.</summary>
    public static TrainingPlan From(ModelSpec spec, string name) => Create(Recipes.Get(spec.Recipe), spec.Options, spec.Dataset.Name, name);

    public ModelSpec Spec => new(Recipe.Id, Options, Dataset.Reference, Dataset.Task, Recipe.Input, Dataset.Labels);

    public bool IsEnsemble => Options.Ensemble > 1;
}
