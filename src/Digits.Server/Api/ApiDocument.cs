using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Digits.Server.Api;

/// <summary>What the OpenAPI document says about the API as a whole; each operation's own words live beside its endpoint.</summary>
public static class ApiDocument
{
    private static readonly Dictionary<string, string> Tags = new()
    {
        ["Predict"] = "Recognize one digit: from an image (a photo, a scan, a drawing), several images, 784 pixels or 64 features of an 8x8 scan.",
        ["Read"] = "Read a whole number (a ZIP code, an amount, a form field) from one image.",
        ["Feedback"] = "Say what an answer should have been; live accuracy is measured on the answers that got feedback.",
        ["Monitoring"] = "Live accuracy, the share of answers flagged for review, drift and traffic, per model version.",
        ["Models"] = "The models this server can serve, with their metadata, test metrics and report pictures.",
    };

    public static OpenApiOptions DescribeApi(this OpenApiOptions openApi) => openApi
        .AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Digits";
            document.Info.Description = "Handwritten digit recognition: upload a photo or a drawing, or send pixels or 8x8 features. " +
                                        "Errors are application/problem+json.";
            document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
            document.Info.Contact = new OpenApiContact { Name = "The Digits developers" };
            document.Tags = Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }).ToHashSet();
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            foreach (var schema in document.Components?.Schemas?.Values ?? []) ExactlyOneKind(document, schema);
            return Task.CompletedTask;
        })
        .AddSchemaTransformer((schema, _, _) =>
        {
            // Numbers may be written as "NaN" or "Infinity" (a diverged run's loss): a number or one of those
            // strings, never the object the generator declares beside them.
            if (schema is { AnyOf.Count: > 0, Type: JsonSchemaType.Object }) schema.Type = null;
            return Task.CompletedTask;
        });

    /// <summary>
    /// A polymorphic result (a batch's) is exactly one of its kinds, each a schema of its own with its `kind`. The
    /// generator lists the kinds as anyOf, and its references would be written as the kinds' plain schemas (without
    /// `kind`) while the discriminator names the schemas with it: refer to those everywhere, each requiring its `kind`.
    /// </summary>
    private static void ExactlyOneKind(OpenApiDocument document, IOpenApiSchema schema)
    {
        if (schema is not OpenApiSchema { AnyOf.Count: > 0, Discriminator.Mapping: { } mapping } polymorphic) return;
        var kinds = mapping.ToDictionary(kind => kind.Key, kind => new OpenApiSchemaReference(kind.Value.Reference.Id!, document));
        polymorphic.OneOf = [.. kinds.Values];
        polymorphic.AnyOf = null;
        polymorphic.Discriminator.Mapping = kinds;
        foreach (var kind in kinds.Values.Select(kind => document.Components!.Schemas![kind.Reference.Id!]).OfType<OpenApiSchema>())
            (kind.Required ??= new HashSet<string>()).Add(polymorphic.Discriminator.PropertyName!);
    }
}
