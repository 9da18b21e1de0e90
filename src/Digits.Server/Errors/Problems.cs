using System.Globalization;
using Digits.Core.Models;
using Digits.Imaging;

namespace Digits.Server.Errors;

/// <summary>
/// Every error the API answers, with its status, title and detail, in one place. Code anywhere on a request's path
/// throws one of these; <see cref="ProblemExceptionHandler"/> writes it as application/problem+json.
/// </summary>
public static class Problems
{
    private const string InvalidInput = "Invalid input";

    public static ProblemException BadRequest(string detail) => new(StatusCodes.Status400BadRequest, InvalidInput, detail);

    public static ProblemException NotFound(string detail) => new(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemException UnsupportedMediaType(string detail) =>
        new(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

    public static ProblemException PayloadTooLarge(long limitBytes, long? bodyBytes = null) =>
        new(StatusCodes.Status413PayloadTooLarge, "Payload too large", bodyBytes is { } size
            ? $"The request body is {Megabytes(size)} MB; the limit is {Megabytes(limitBytes)} MB."
            : $"The request body is larger than the limit of {Megabytes(limitBytes)} MB.");

    public static ProblemException TooManyImages(int limit, int? count = null) => BadRequest(
        $"A batch holds at most {limit} images (max_batch_images){(count is { } n ? $"; this one has {n}" : "")}. Send the rest in further requests.");

    public static ProblemException Overloaded(int working, int waiting) => new(StatusCodes.Status503ServiceUnavailable, "Server busy",
        $"The server is working on {working} requests and {waiting} more are waiting; try again after the Retry-After seconds.");

    public static ProblemException TooManyRequests(int perMinute) => new(StatusCodes.Status429TooManyRequests, "Too many requests",
        $"This server answers at most {perMinute} API requests a minute from one client; try again after the Retry-After seconds.");

    public static ProblemException NoImageModel() => new(StatusCodes.Status503ServiceUnavailable, "No model loaded",
        $"No digit image model is loaded yet. Train one with '{DefaultRecipes.TrainCommand(DefaultRecipes.Images)}' (the server picks it up without a restart).");

    public static ProblemException NoFeaturesModel() => new(StatusCodes.Status503ServiceUnavailable, "No model loaded",
        $"No 8x8 digit model is loaded. Train one with '{DefaultRecipes.TrainCommand(DefaultRecipes.Features)}' (the server picks it up without a restart).");

    public static ProblemException UnknownHost(string host, IEnumerable<string> allowed) => BadRequest(
        $"This server answers requests addressed to {string.Join(", ", allowed)} (allowed_hosts), not to '{host}'.");

    public static ProblemException CrossSite(string evidence) => new(StatusCodes.Status403Forbidden, "Cross-site request refused",
        $"This request changes what the server keeps, and it comes from a page of another site ({evidence}). Send it from this server's page or from your own code.");

    public static ProblemException ApiKeyRequired(bool keyGiven) => new(StatusCodes.Status401Unauthorized, "API key required",
        keyGiven
            ? "The API key given is not one of this server's keys."
            : "This server requires an API key: send it as 'Authorization: Bearer KEY' or 'X-Api-Key: KEY'.");

    public static ProblemException ModelUnavailable(string reason) => new(StatusCodes.Status503ServiceUnavailable, "Model unavailable",
        $"{reason} Its other versions, and the other models, still serve; GET /models lists what failed.");

    public static ProblemException From(ImageRejectedException rejected) =>
        rejected.Problem == ImageProblem.Unsupported ? UnsupportedMediaType(rejected.Message) : BadRequest(rejected.Message);

    public static ProblemException MalformedMultipart(string reason) =>
        BadRequest($"The multipart body is malformed ({reason}); send the image in a field named 'file'.");

    /// <summary>The detail for an answer the framework gives itself (no route, wrong method), which has a status but no words.</summary>
    public static string? DetailForStatus(int status, HttpRequest request) => status switch
    {
        StatusCodes.Status404NotFound => $"Nothing is at {request.Path}; the API is described at /docs.",
        StatusCodes.Status405MethodNotAllowed => $"{request.Method} is not allowed on {request.Path}; see /docs.",
        StatusCodes.Status415UnsupportedMediaType => $"{request.Path} does not take '{request.ContentType ?? "no content type"}'; see /docs for what it takes.",
        _ => null,
    };

    private static string Megabytes(long bytes) => (bytes / (1024 * 1024.0)).ToString("0.###", CultureInfo.InvariantCulture);
}

/// <summary>An error answer on its way to the client: thrown where the problem is found, written by the exception handler.</summary>
public sealed class ProblemException(int status, string title, string detail) : Exception(detail)
{
    public int Status { get; } = status;
    public string Title { get; } = title;
}
