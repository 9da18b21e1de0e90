using Microsoft.AspNetCore.Http.Features;

namespace Digits.Server.Errors;

/// <summary>
/// Enforces the body limit with a 413 problem. A body that announces its length is refused before it is read,
/// and Kestrel (whose own limit is set higher, as a backstop) drains it, so that a client still uploading
/// receives the answer instead of a reset connection. A chunked body is cut off when it crosses the limit.
/// </summary>
public sealed class BodySizeLimit(RequestDelegate next, ServerOptions options)
{
    public const int BackstopFactor = 4;

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.ContentLength is { } length && length > options.MaxBodyBytes)
            throw Problems.PayloadTooLarge(options.MaxBodyBytes, length);
        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = options.MaxBodyBytes;
        return next(context);
    }
}
