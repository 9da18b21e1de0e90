using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Digits.Server.Api;

/// <summary>
/// Describes the upload bodies in the OpenAPI document (the handlers read the form themselves), so that
/// the interactive page at /docs offers a file picker for "try it out".
/// </summary>
public static class UploadDocumentation
{
    private const string OneDigit = "one digit";

    public static Task Single(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation) =>
        Describe(operation, many: false, OneDigit);

    public static Task Many(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation) =>
        Describe(operation, many: true, OneDigit);

    public static Task Number(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellation) =>
        Describe(operation, many: false, "a number: digits side by side, in the boxes of a form field, printed or drawn");

    private static Task Describe(OpenApiOperation operation, bool many, string shows)
    {
        var file = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary", Description = $"A PNG, JPEG, BMP, GIF or WebP image of {shows}" };
        IOpenApiSchema field = many ? new OpenApiSchema { Type = JsonSchemaType.Array, Items = file } : file;
        var content = new Dictionary<string, OpenApiMediaType>
        {
            ["multipart/form-data"] = new()
            {
                Schema = new OpenApiSchema
                {
                    Type = JsonSchemaType.Object,
                    Required = new HashSet<string> { ImageBody.Field },
                    Properties = new Dictionary<string, IOpenApiSchema> { [ImageBody.Field] = field },
                },
            },
        };
        operation.RequestBody = new OpenApiRequestBody { Required = true, Content = content };
        return Task.CompletedTask;
    }
}
