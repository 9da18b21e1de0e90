using System.Security.Cryptography;
using System.Text;
using Digits.Server.Errors;

namespace Digits.Server.Security;

/// <summary>
/// Optional API keys (<see cref="ServerOptions.KeyList"/>): while the server has any, the endpoints marked with
/// <see cref="Required"/> (the API, and /metrics unless open) answer 401 problem+json without one of them, sent as
/// `Authorization: Bearer KEY` or `X-Api-Key: KEY`. Health checks, the page and the API's documentation stay open.
/// Keys are kept and compared as SHA-256 digests, in constant time, and never logged (request headers are not).
/// </summary>
public sealed class ApiKeyCheck(RequestDelegate next, ServerOptions options, IProblemDetailsService problems)
{
    public const string HeaderName = "X-Api-Key";

    /// <summary>Endpoint metadata: this endpoint needs a key while keys are on.</summary>
    public sealed class Required;

    private readonly byte[][] _digests = options.KeyList.Select(Digest).ToArray();

    public async Task InvokeAsync(HttpContext context)
    {
        var digest = Presented(context.Request) is { } key ? Digest(key) : null;
        var accepted = digest is not null && Accepts(digest);
        if (accepted) context.Features.Set(new ApiClient(digest!));
        if (accepted || context.GetEndpoint()?.Metadata.GetMetadata<Required>() is null)
        {
            await next(context);
            return;
        }
        context.Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemExceptionHandler.WriteAsync(problems, context, Problems.ApiKeyRequired(keyGiven: digest is not null));
    }

    private bool Accepts(byte[] digest)
    {
        var accepted = false;
        foreach (var known in _digests) accepted |= CryptographicOperations.FixedTimeEquals(known, digest);
        return accepted;
    }

    private static string? Presented(HttpRequest request)
    {
        var authorization = request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return authorization["Bearer ".Length..].Trim();
        var header = request.Headers[HeaderName].ToString();
        return header.Length > 0 ? header : null;
    }

    private static byte[] Digest(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
