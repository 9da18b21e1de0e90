using Digits.Data;
using System.CommandLine;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Inference;
using Digits.Server;

namespace Digits.Cli;

/// <summary>Options every command shares: where data sets and models live, and machine-readable output.</summary>
public static class CommonOptions
{
    private static readonly string ModelsDirectoryVariable = ServerOptions.VariableFor("models_dir");

    public static Option<string?> DataDirectory { get; } = new("--data-dir")
    {
        Description = $"Where data sets are cached (default: ${Data.DataDirectory.EnvironmentVariable} or ~/.cache/digits)",
        Recursive = true,
    };

    public static Option<string?> ModelsDirectory { get; } = new("--models-dir")
    {
        Description = $"Where models are stored (default: ${ModelsDirectoryVariable} or ./{new ServerOptions().ModelsDirectory})",
        Recursive = true,
    };

    /// <summary>Which image model predict and read use.</summary>
    public static Option<string?> Model { get; } = new("--model", "-m") { Description = "NAME or NAME@VERSION (default: the best image model present)" };

    public static Option<bool> Json { get; } = new("--json") { Description = "Print machine-readable JSON instead of tables" };

    public static DatasetFetcher Fetcher(ParseResult result, Action<string>? log = null) =>
        DatasetFetcher.InDataDirectory(result.GetValue(DataDirectory), log);

    public static ModelStore Store(ParseResult result) =>
        new(result.GetValue(ModelsDirectory) ?? Environment.GetEnvironmentVariable(ModelsDirectoryVariable) ?? new ServerOptions().ModelsDirectory);

    /// <summary>The image model named, or the registry's default one.</summary>
    public static OnnxModel ImageModel(ModelRegistry registry, string? name) =>
        (name is not null ? registry.Get(ModelReference.Parse(name)) : registry.DefaultForImages())
        ?? throw new InvalidOperationException(name is not null
            ? $"There is no model '{name}' in {registry.Root}."
            : $"No image model in {registry.Root}; run '{DefaultRecipes.TrainCommand(DefaultRecipes.Images)}' first.");
}
