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
            document.Tags = Tags.Select(tag => new OpenApiTag { Name = tag.Key, Description = tag.Value }).ToHashSet();
            foreach (var server in document.Servers ?? []) server.Url = server.Url?.TrimEnd('/');
            return Task.CompletedTask;
        })
        .AddSchemaTransformer((schema, _, _) =>
        {
            // Numbers may be written as "NaN" or "Infinity" (a diverged run's loss): a number or one of those
            // strings, never the object the generator declares beside them.
            if (schema is { AnyOf.Count: > 0, Type: JsonSchemaType.Object }) schema.Type = null;
            return Task.CompletedTask;
        });
}
