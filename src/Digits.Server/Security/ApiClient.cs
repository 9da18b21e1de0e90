namespace Digits.Server.Security;

/// <summary>Who sent a request, for per-client limits: the digest of its API key (set by <see cref="ApiKeyCheck"/>), else its IP address.</summary>
public sealed record ApiClient(string Name)
{
    public static string Of(HttpContext context) =>
        context.Features.Get<ApiClient>()?.Name ?? context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
