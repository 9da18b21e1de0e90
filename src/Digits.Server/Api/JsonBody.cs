using System.Text.Json;
using Digits.Server.Errors;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

namespace Digits.Server.Api;

/// <summary>Reads a JSON body and turns every way it can be wrong into a 400 that names the problem.</summary>
public static class JsonBody
{
    public static async Task<T> ReadAsync<T>(HttpContext context, CancellationToken cancellation) where T : class
    {
        if (!context.Request.HasJsonContentType())
            throw Problems.UnsupportedMediaType($"Send a JSON body with Content-Type: application/json (got '{context.Request.ContentType ?? "none"}').");
        var options = context.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions;
        try
        {
            return await JsonSerializer.DeserializeAsync<T>(context.Request.Body, options, cancellation)
                   ?? throw Problems.BadRequest("The JSON body is empty (null).");
        }
        catch (JsonException e)
        {
            var where = e.Path is { Length: > 1 } path ? $" at {path}" : "";
            throw Problems.BadRequest($"The body is not valid JSON of the expected shape{where}: {e.Message.Split(" Path:")[0]}");
        }
    }

    /// <returns>The values, once they are known to be exactly <paramref name="expectedCount"/> numbers in [0, <paramref name="max"/>].</returns>
    public static double[] RequireNumbers(double[]? values, string field, int expectedCount, double max)
    {
        if (values is null) throw Problems.BadRequest($"The field '{field}' is missing; send {{\"{field}\": [{expectedCount} numbers]}}.");
        if (values.Length != expectedCount) throw Problems.BadRequest($"'{field}' must hold exactly {expectedCount} numbers, not {values.Length}.");
        for (var i = 0; i < values.Length; i++)
            if (!double.IsFinite(values[i]) || values[i] < 0 || values[i] > max)
                throw Problems.BadRequest($"'{field}[{i}]' is {values[i]}; every value must be a number between 0 and {max}.");
        return values;
    }
}
