namespace Digits.Server.Security;

/// <summary>Who sent a request, for per-client limits: the digest of its API key (set by <see cref="ApiKeyCheck"/>), else its IP address.</summary>
public sealed record ApiClient(byte[] KeyDigest)
{
    /// <remarks>Named only when a limit asks, so that a server without one spends nothing per request on it.</remarks>
    public static string Of(HttpContext context) =>
        context.Features.Get<ApiClient>() is { } client ? Convert.ToHexString(client.KeyDigest)
        : context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
}
