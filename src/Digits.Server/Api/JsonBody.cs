using System.Text.Json;
using Digits.Server.Errors;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Digits.Server.Api;

/// <summary>Reads a JSON body and turns every way it can be wrong into a 400 that names the problem.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, ProblemHttpResult? Problem)> ReadAsync<T>(HttpContext context, CancellationToken cancellation) where T : class
    {
        if (!context.Request.HasJsonContentType())
            return (null, Problems.UnsupportedMediaType($"Send a JSON body with Content-Type: application/json (got '{context.Request.ContentType ?? "none"}')."));
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, cancellation);
            return value is null ? (null, Problems.BadRequest("The JSON body is empty (null).")) : (value, null);
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            return (null, Problems.BadRequest($"The body is not valid JSON of the expected shape{where}: {e.Message.Split(" Path:")[0]}"));
        }
    }

    /// <returns>Null when valid, else what is wrong with the values.</returns>
    public static string? ValidateNumbers(double[]? values, string field, int expectedCount, double max)
    {
        if (values is null) return $"The field '{field}' is missing; send {{\"{field}\": [{expectedCount} numbers]}}.";
        if (values.Length != expectedCount) return $"'{field}' must hold exactly {expectedCount} numbers, not {values.Length}.";
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]) || values[i] < 0 || values[i] > max)
                return $"'{field}[{i}]' is {values[i]}; every value must be a number between 0 and {max}.";
        return null;
    }
}
