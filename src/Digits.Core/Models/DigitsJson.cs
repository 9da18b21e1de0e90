using System.Text.Json;
using System.Text.Json.Serialization;

namespace Digits.Core.Models;

/// <summary>
/// The one JSON convention of Digits, for its files, its HTTP API and its command line: snake_case names and
/// enum values, nulls left out, and the named floating-point literals (a diverged run's NaN loss) allowed.
/// </summary>
public static class DigitsJson
{
    /// <summary>Applies the convention to options someone else created (ASP.NET Core's own).</summary>
    public static void Configure(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.DictionaryKeyPolicy = null;
        options.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
        options.NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }

    public static JsonSerializerOptions Options { get; } = Created(indented: false);

    /// <summary>The same convention indented, for files a person may read.</summary>
    public static JsonSerializerOptions Files { get; } = Created(indented: true);

    private static JsonSerializerOptions Created(bool indented)
    {
        var options = new JsonSerializerOptions { WriteIndented = indented };
        Configure(options);
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Files);

    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"Empty {typeof(T).Name} document.");
}
