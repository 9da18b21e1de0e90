using System.Text.Json.Nodes;
using Digits.Core.Models;
using Microsoft.AspNetCore.OpenApi;

namespace Digits.Server.Api;

/// <summary>Examples for the OpenAPI document, written with the API's own JSON convention so they always match it.</summary>
public static class OpenApiExamples
{
    public static RouteHandlerBuilder WithRequestExample<T>(this RouteHandlerBuilder endpoint, T example) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var json) == true) json.Example = Json(example);
            return Task.CompletedTask;
        });

    public static RouteHandlerBuilder WithResponseExample<T>(this RouteHandlerBuilder endpoint, T example) =>
        endpoint.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content?.TryGetValue("application/json", out var json) == true)
                json.Example = Json(example);
            return Task.CompletedTask;
        });

    private static JsonNode? Json<T>(T example) => JsonNode.Parse(DigitsJson.Serialize(example));
}
