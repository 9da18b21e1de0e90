using Microsoft.AspNetCore.Diagnostics;

namespace Digits.Server.Errors;

/// <summary>
/// Turns what Kestrel and the form reader throw for bad bodies (too large, malformed multipart) into the API's
/// problem+json with the right status; anything else is left to the default handler (a plain 500).
/// </summary>
public sealed class BadRequestBodyHandler(IProblemDetailsService problems, ServerOptions options) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (status, detail) = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } =>
                (StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {options.MaxBodyBytes / (1024 * 1024.0):0.#} MB."),
            InvalidDataException e when e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) =>
                (StatusCodes.Status413PayloadTooLarge, $"The request body is larger than the limit of {options.MaxBodyBytes / (1024 * 1024.0):0.#} MB."),
            BadHttpRequestException e => (e.StatusCode, e.Message),
            InvalidDataException e => (StatusCodes.Status400BadRequest, $"The multipart body is malformed ({e.Message}); send the image in a field named 'file'."),
            IOException e when e.InnerException is BadHttpRequestException inner => (inner.StatusCode, inner.Message),
            _ => (0, ""),
        };
        if (status == 0) return false;
        context.Response.StatusCode = status;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = { Status = status, Title = status == 413 ? "Payload too large" : "Invalid input", Detail = detail },
            Exception = exception,
        });
    }
}
