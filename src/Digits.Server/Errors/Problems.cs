using Digits.Imaging;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Digits.Server.Errors;

/// <summary>The one error shape of the API: application/problem+json with a title and an actionable detail.</summary>
public static class Problems
{
    public static ProblemHttpResult BadRequest(string detail) => Create(StatusCodes.Status400BadRequest, "Invalid input", detail);

    public static ProblemHttpResult NotFound(string detail) => Create(StatusCodes.Status404NotFound, "Not found", detail);

    public static ProblemHttpResult UnsupportedMediaType(string detail) =>
        Create(StatusCodes.Status415UnsupportedMediaType, "Unsupported media type", detail);

    public static ProblemHttpResult NoModel(string detail) => Create(StatusCodes.Status503ServiceUnavailable, "No model loaded", detail);

    public static ProblemHttpResult From(ImageRejectedException rejected) =>
        rejected.Problem == ImageProblem.Unsupported ? UnsupportedMediaType(rejected.Message) : BadRequest(rejected.Message);

    public static ProblemHttpResult Create(int status, string title, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title);
}
