using Digits.Server.Errors;

namespace Digits.Server.Security;

/// <summary>
/// Refuses requests that change state when a browser says they come from another site, so that a page elsewhere
/// cannot send feedback to a local server on its visitor's behalf. Clients that are not browsers send neither header
/// and pass.
/// </summary>
public sealed class SameOriginOnly : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var site = request.Headers["Sec-Fetch-Site"].ToString();
        if (site is "cross-site" or "same-site") throw Problems.CrossSite($"Sec-Fetch-Site is {site}");
        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && (!Uri.TryCreate(origin, UriKind.Absolute, out var from) || !string.Equals(from.Authority, request.Host.Value, StringComparison.OrdinalIgnoreCase)))
            throw Problems.CrossSite($"Origin is {origin}");
        return next(context);
    }
}
