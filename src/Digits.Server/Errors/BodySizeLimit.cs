using Microsoft.AspNetCore.Http.Features;

namespace Digits.Server.Errors;

/// <summary>
/// Enforces the body limit with a 413 problem. A body that announces its length is refused before it is read,
/// and Kestrel (whose own limit is set higher, as a backstop) drains it, so that a client still uploading
/// receives the answer instead of a reset connection. A chunked body is cut off when it crosses the limit.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, ServerOptions options, IProblemDetailsService problems)
{
    public const int BackstopFactor = 4;

    public async Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength > options.MaxBodyBytes)
        {
            context.Response.StatusCode = StatusCodes.Status413PayloadTooLarge;
            await problems.WriteAsync(new ProblemDetailsContext
            {
                HttpContext = context,
                ProblemDetails =
                {
                    Status = StatusCodes.Status413PayloadTooLarge,
                    Title = "Payload too large",
                    Detail = $"The request body is {context.Request.ContentLength / (1024 * 1024.0):0.#} MB; the limit is {options.MaxBodyBytes / (1024 * 1024.0):0.#} MB.",
                },
            });
            return;
        }
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        await next(context);
    }
}
