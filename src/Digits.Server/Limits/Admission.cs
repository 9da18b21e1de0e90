using System.Globalization;
using System.Threading.RateLimiting;
using Digits.Server.Errors;
using Digits.Server.Security;
using Microsoft.AspNetCore.RateLimiting;

namespace Digits.Server.Limits;

/// <summary>
/// Back-pressure for the API: at most <see cref="ServerOptions.MaxConcurrentRequests"/> requests are worked on at
/// once and <see cref="ServerOptions.MaxQueuedRequests"/> wait their turn (a client that gives up leaves the queue);
/// beyond that the answer is 503 with Retry-After, at once, so that admitted requests keep their latency and health
/// checks, metrics and the page, which are outside the limit, keep answering. With a
/// <see cref="ServerOptions.RateLimitPerMinute"/>, each client also has its own budget a minute, beyond which it gets
/// 429 with the seconds until the next minute starts.
/// </summary>
public static class Admission
{
    public const string Policy = "api";
    public const int RetryAfterSeconds = 1;

    public static void AddAdmission(this IServiceCollection services, ServerOptions options) => services.AddRateLimiter(limiter =>
    {
        limiter.AddConcurrencyLimiter(Policy, concurrency =>
        {
            concurrency.PermitLimit = options.MaxConcurrentRequests;
            concurrency.QueueLimit = options.MaxQueuedRequests;
            concurrency.QueueProcessingOrder = QueueProcessingOrder.OldestFirst;
        });
        if (options.RateLimitPerMinute > 0) limiter.GlobalLimiter = PerClient(options.RateLimitPerMinute);
        limiter.OnRejected = async (rejected, _) =>
        {
            var context = rejected.HttpContext;
            var overBudget = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var untilNextWindow);
            var retryAfter = overBudget ? Math.Max(1, (int)Math.Ceiling(untilNextWindow.TotalSeconds)) : RetryAfterSeconds;
            context.Response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
            await ProblemExceptionHandler.WriteAsync(context.RequestServices.GetRequiredService<IProblemDetailsService>(), context,
                overBudget
                    ? Problems.TooManyRequests(options.RateLimitPerMinute)
                    : Problems.Overloaded(options.MaxConcurrentRequests, options.MaxQueuedRequests));
        };
    });

    /// <summary>A window a minute long per client, over the API's endpoints only.</summary>
    private static PartitionedRateLimiter<HttpContext> PerClient(int perMinute) => PartitionedRateLimiter.Create<HttpContext, string>(context =>
        context.GetEndpoint()?.Metadata.GetMetadata<EnableRateLimitingAttribute>()?.PolicyName != Policy
            ? RateLimitPartition.GetNoLimiter("outside the API")
            : RateLimitPartition.GetFixedWindowLimiter(ApiClient.Of(context), _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = perMinute,
                Window = TimeSpan.FromMinutes(1),
                QueueLimit = 0,
            }));
}
