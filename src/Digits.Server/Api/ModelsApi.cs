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
