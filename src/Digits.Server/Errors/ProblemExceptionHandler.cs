using Digits.Imaging;
using Digits.Inference;
using Microsoft.AspNetCore.Diagnostics;

namespace Digits.Server.Errors;

/// <summary>
/// The one place errors become answers: a <see cref="ProblemException"/> thrown anywhere on a request's path, a
/// rejected image, a model that cannot be loaded, and what Kestrel and the form reader throw for bad bodies (too large,
/// malformed multipart).
/// Anything else is left to the default handler (a plain 500).
/// </summary>
public sealed class ProblemExceptionHandler(IProblemDetailsService problems, ServerOptions options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            ProblemException p => p,
            ImageRejectedException rejected => Problems.From(rejected),
            ModelLoadException e => Problems.ModelUnavailable(e.Message),
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.PayloadTooLarge(options.MaxBodyBytes),
            InvalidDataException e when e.Message.Contains("value count", StringComparison.OrdinalIgnoreCase) => Problems.TooManyImages(options.MaxBatchImages),
            InvalidDataException e when e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) => Problems.PayloadTooLarge(options.MaxBodyBytes),
            BadHttpRequestException e => new ProblemException(e.StatusCode, "Invalid input", e.Message),
            InvalidDataException e => Problems.MalformedMultipart(e.Message),
            IOException { InnerException: BadHttpRequestException inner } => new ProblemException(inner.StatusCode, "Invalid input", inner.Message),
            // The form reader's word for a body cut short, or a boundary damaged so it is never found.
            IOException when context.Request.HasFormContentType => Problems.MalformedMultipart("it ends before its closing boundary"),
            _ => null,
        };
        return problem is not null && await WriteAsync(problems, context, problem, exception);
    }

    /// <summary>Writes a problem as every error is written; also for answers given without an exception (a full queue).</summary>
    public static async ValueTask<bool> WriteAsync(IProblemDetailsService problems, HttpContext context, ProblemException problem, Exception? exception = null)
    {
        context.Response.StatusCode = problem.Status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = problem.Status, Title = problem.Title, Detail = problem.Message },
            Exception = exception,
        });
    }
}
