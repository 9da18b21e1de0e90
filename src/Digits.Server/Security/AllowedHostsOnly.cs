using Digits.Server.Errors;

namespace Digits.Server.Security;

/// <summary>
/// Answers only requests addressed to an allowed host name (<see cref="ServerOptions.HostsAllowed"/>), so that a page
/// on another site cannot reach a loopback server through a DNS name of its own that resolves to 127.0.0.1. The
/// framework's host filtering answers in HTML; this answers in problem+json like every other error.
/// </summary>
public sealed class AllowedHostsOnly(RequestDelegate next, ServerOptions options)
{
    private readonly IReadOnlyList<string> _hosts = options.HostsAllowed;
    private readonly bool _any = options.HostsAllowed.Contains("*");

    public Task InvokeAsync(HttpContext context)
    {
        var host = context.Request.Host.Host;
        if (!_any && !_hosts.Contains(host, StringComparer.OrdinalIgnoreCase)) throw Problems.UnknownHost(host, _hosts);
        return next(context);
    }
}
