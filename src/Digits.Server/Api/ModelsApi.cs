using Digits.Core.Models;
using Digits.Inference;
using Digits.Server.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Digits.Server.Api;

/// <summary>A model as /models lists it: every version with its metadata, and which one is served by default.</summary>
public sealed record ModelSummary(string Name, string Latest, bool Default, IReadOnlyList<ModelMetadata> Versions);

/// <summary>GET /models and /models/{name}: what the server can serve, with metadata and metrics.</summary>
public static class ModelsApi
{
    public static void MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/models").WithTags("Models");
        group.MapGet("/", List).WithSummary("The models this server has, with their metadata and test metrics");
        group.MapGet("/{name}", Get).WithSummary("One model: every version with its metadata and test metrics");
        group.MapGet("/{name}/{version}/report/{file}", ReportPicture)
            .WithSummary("A picture of a model's report: accuracy.png, loss.png, confusion_matrix.png, misclassified.png, reliability.png");
    }

    private static readonly HashSet<string> ReportPictures =
        ["accuracy.png", "loss.png", "confusion_matrix.png", "misclassified.png", "reliability.png"];

    private static Results<PhysicalFileHttpResult, ProblemHttpResult> ReportPicture(string name, string version, string file, ModelRegistry registry)
    {
        if (!ModelReference.TryParse($"{name}@{version}", out var reference, out var error)) return Problems.BadRequest(error);
        if (!ReportPictures.Contains(file))
            return Problems.NotFound($"'{file}' is not a report picture; there are {string.Join(", ", ReportPictures)}.");
        if (!registry.Versions.TryGetValue(reference.Name, out var versions) || !versions.Contains(version))
            return Problems.NotFound($"There is no model {reference}.");
        var path = Path.Combine(registry.Root, reference.Name, version, file);
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, "image/png", enableRangeProcessing: false)
            : Problems.NotFound($"Model {reference} has no {file}.");
    }

    private static Ok<IReadOnlyList<ModelSummary>> List(ModelRegistry registry)
    {
        var defaultName = registry.DefaultForImages()?.Metadata.Name;
        return TypedResults.Ok<IReadOnlyList<ModelSummary>>(registry.Versions.Keys.Order(StringComparer.Ordinal)
            .Select(name => Summary(registry, name, defaultName)).ToArray());
    }

    private static Results<Ok<ModelSummary>, ProblemHttpResult> Get(string name, ModelRegistry registry)
    {
        if (!ModelReference.TryParse(name, out var reference, out var error)) return Problems.BadRequest(error);
        if (!registry.Versions.ContainsKey(reference.Name))
            return Problems.NotFound($"There is no model '{name}'. Available: {string.Join(", ", registry.Versions.Keys.DefaultIfEmpty("none"))}.");
        return TypedResults.Ok(Summary(registry, reference.Name, registry.DefaultForImages()?.Metadata.Name));
    }

    private static ModelSummary Summary(ModelRegistry registry, string name, string? defaultName)
    {
        var versions = registry.Versions[name];
        return new ModelSummary(name, versions[^1], name == defaultName,
            versions.Reverse().Select(v => registry.ReadMetadata(name, v)).ToArray());
    }
}
