namespace Digits.Core.Models;

/// <summary>The recipes Digits trains when a role has no model yet, and the hint that says so, for the CLI, the server and the page.</summary>
public static class DefaultRecipes
{
    /// <summary>Reads 28x28 digit images; trains in under a minute on 2 cores.</summary>
    public const string Images = "champion-quick";

    /// <summary>Reads 8x8 digit features; trains in seconds.</summary>
    public const string Features = "digits8x8-mlp";

    public static string TrainCommand(string recipe) => $"./digits train --model {recipe}";
}
