using Digits.Core.Models;
using Digits.Inference;
using Digits.Server.Errors;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Digits.Server.Api;

/// <summary>A model as /models lists it: every version with its metadata (and spec), and whether an endpoint serves it by default.</summary>
/// <param name="Default">/predict (a digit image model) or /predict/features (an 8x8 one) serves it without ?model=.</param>
/// <param name="Report">The pictures of a version's report, at /models/NAME/VERSION/report/FILE.</param>
/// <param name="LoadErrors">Versions that could not be loaded, with the reason (a version whose metadata.json cannot be read is only here); the others serve.</param>
public sealed record ModelSummary(string Name, string Latest, bool Default, IReadOnlyList<ModelMetadata> Versions, IReadOnlyList<ReportPicture> Report,
    IReadOnlyDictionary<string, string> LoadErrors);

/// <summary>GET /models and /models/{name}: what the server can serve, with metadata and metrics.</summary>
public static class ModelsApi
{
    public static void MapModelsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/models").WithTags("Models");
        group.MapGet("/", List).WithName("listModels").WithSummary("The models this server has, with their metadata and test metrics");
        group.MapGet("/{name}", Get).WithName("getModel").ProducesProblem(StatusCodes.Status404NotFound).WithSummary("One model: every version with its metadata and test metrics");
        group.MapGet("/{name}/{version}/report/{file}", ReportPicture)
            .WithName("getReportPicture")
            .Produces(StatusCodes.Status200OK, contentType: "image/png")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary($"A picture of a model's report: {string.Join(", ", ReportPictures.All.Select(p => p.File))}");
    }

    private static readonly HashSet<string> PictureFiles = ReportPictures.All.Select(p => p.File).ToHashSet();

    private static PhysicalFileHttpResult ReportPicture(string name, string version, string file, ModelRegistry registry)
    {
        if (!ModelReference.TryParse($"{name}@{version}", out var reference, out var error)) throw Problems.BadRequest(error);
        if (!PictureFiles.Contains(file))
            throw Problems.NotFound($"'{file}' is not a report picture; there are {string.Join(", ", PictureFiles)}.");
        if (!registry.Versions.TryGetValue(reference.Name, out var versions) || !versions.Contains(version))
            throw Problems.NotFound($"There is no model {reference}.");
        var path = Path.Combine(registry.Root, reference.Name, version, file);
        return File.Exists(path)
            ? TypedResults.PhysicalFile(path, "image/png", enableRangeProcessing: false)
            : throw Problems.NotFound($"Model {reference} has no {file}.");
    }

    private static Ok<IReadOnlyList<ModelSummary>> List(ModelRegistry registry) =>
        TypedResults.Ok<IReadOnlyList<ModelSummary>>(registry.Versions.Keys.Order(StringComparer.Ordinal)
            .Select(name => Summary(registry, name)).ToArray());

    private static Ok<ModelSummary> Get(string name, ModelRegistry registry)
    {
        if (!ModelReference.TryParse(name, out var reference, out var error)) throw Problems.BadRequest(error);
        if (!registry.Versions.ContainsKey(reference.Name))
            throw Problems.NotFound($"There is no model '{name}'. Available: {string.Join(", ", registry.Versions.Keys.DefaultIfEmpty("none"))}.");
        return TypedResults.Ok(Summary(registry, reference.Name));
    }

    private static ModelSummary Summary(ModelRegistry registry, string name)
    {
        var versions = registry.Versions[name];
        var isDefault = name == registry.DefaultImageModelName || name == registry.DefaultFeaturesModelName;
        var errors = new Dictionary<string, string>(registry.LoadErrors(name));
        var readable = new List<ModelMetadata>();
        foreach (var version in versions.Reverse())
        {
            if (registry.TryReadMetadata(name, version) is { } metadata) readable.Add(metadata);
            else errors.TryAdd(version, $"{ModelFiles.Metadata} is missing or cannot be read.");
        }
        return new ModelSummary(name, versions[^1], isDefault, readable, ReportPictures.All, errors);
    }
}
