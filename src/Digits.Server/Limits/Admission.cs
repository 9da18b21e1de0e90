using System.Globalization;
using System.Threading.RateLimiting;
using Digits.Server.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace Digits.Server.Limits;

/// <summary>
/// Back-pressure for the API: at most <see cref="ServerOptions.MaxConcurrentRequests"/> requests are worked on at
/// once and <see cref="ServerOptions.MaxQueuedRequests"/> wait their turn (a client that gives up leaves the queue);
/// beyond that the answer is 503 with Retry-After, at once, so that admitted requests keep their latency and health
/// checks, metrics and the page, which are outside the limit, keep answering.
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
        limiter.OnRejected = async (rejected, _) =>
        {
            var context = rejected.HttpContext;
            context.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            await ProblemExceptionHandler.WriteAsync(context.RequestServices.GetRequiredService<IProblemDetailsService>(), context,
                Problems.Overloaded(options.MaxConcurrentRequests, options.MaxQueuedRequests));
        };
    });
}
