using Digits.Core.Models;
using Digits.Inference;
using Digits.Server.Errors;

namespace Digits.Server.Api;

/// <summary>
/// Resolves ?model=NAME[@VERSION] (or the default) to a loaded model held until the request ends, or throws the problem
/// that says why not.
/// </summary>
public static class ModelSelection
{
    public const string Int8Suffix = "+int8";

    /// <summary>Finding a version retired a moment ago is rare; finding one again and again means something is wrong.</summary>
    private const int Attempts = 3;

    /// <summary>
    /// The model, held for the request: a newer version published, or this one removed, while the upload is still
    /// arriving does not take it away (the version is unloaded once the request has answered).
    /// </summary>
    public static OnnxModel Resolve(HttpContext context, ModelRegistry registry, string? requested, bool forImages)
    {
        for (var attempt = 1; ; attempt++)
        {
            var found = Find(registry, requested, forImages);
            if (found.TryHold() is { } hold)
            {
                context.Response.RegisterForDispose(hold);
                return found;
            }
            // The watcher retired it between finding and holding it, and no longer offers it: find again.
            if (attempt == Attempts) throw Problems.ModelUnavailable($"Model {found.Id} was unloaded while this request chose it; try again.");
        }
    }

    private static OnnxModel Find(ModelRegistry registry, string? requested, bool forImages)
    {
        if (string.IsNullOrEmpty(requested))
            return (forImages ? registry.DefaultForImages() : registry.DefaultForFeatures())
                   ?? throw (forImages ? Problems.NoImageModel() : Problems.NoFeaturesModel());
        var int8 = requested.EndsWith(Int8Suffix, StringComparison.Ordinal);
        var text = int8 ? requested[..^Int8Suffix.Length] : requested;
        if (!ModelReference.TryParse(text, out var reference, out var error)) throw Problems.BadRequest(error);
        var found = registry.Get(reference, int8);
        if (found is null)
        {
            var available = registry.Versions.Select(p => $"{p.Key} ({string.Join(", ", p.Value)})").DefaultIfEmpty("none");
            throw Problems.NotFound($"There is no model '{requested}'. Available: {string.Join("; ", available)}.");
        }
        if (found.TakesImages != forImages)
            throw Problems.BadRequest(forImages
                ? $"Model '{requested}' takes 8x8 features; send them to POST /predict/features."
                : $"Model '{requested}' takes 28x28 images; send them to POST /predict.");
        return found;
    }
}
