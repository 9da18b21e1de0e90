using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Digits.Server.Security;

/// <summary>
/// Declares the two ways to send an API key as security schemes, so that clients generated from the document take a
/// key. While keys are off, an empty requirement beside them says a key is optional (every operation lists its 401
/// answer either way, so that a client knows the problem it gets from a server with keys).
/// </summary>
public static class ApiKeyDocumentation
{
    private const string BearerScheme = "bearer";
    private const string HeaderScheme = "apiKey";

    public static OpenApiOptions AddApiKeySchemes(this OpenApiOptions openApi, bool keysOn) => openApi.AddDocumentTransformer((document, _, _) =>
    {
        document.AddComponent<IOpenApiSecurityScheme>(BearerScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http, Scheme = "bearer",
            Description = "An API key as 'Authorization: Bearer KEY', on a server started with --api-keys",
        });
        document.AddComponent<IOpenApiSecurityScheme>(HeaderScheme, new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey, In = ParameterLocation.Header, Name = ApiKeyCheck.HeaderName,
            Description = $"An API key as '{ApiKeyCheck.HeaderName}: KEY', on a server started with --api-keys",
        });
        document.Security =
        [
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(BearerScheme, document)] = [] },
            new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(HeaderScheme, document)] = [] },
            .. keysOn ? Array.Empty<OpenApiSecurityRequirement>() : [new OpenApiSecurityRequirement()],
        ];
        return Task.CompletedTask;
    });
}
