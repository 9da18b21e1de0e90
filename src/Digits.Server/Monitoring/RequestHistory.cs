namespace Digits.Server.Monitoring;

/// <summary>
/// The API's last hour, minute by minute, for the monitoring page: requests, errors, and latency percentiles from a
/// histogram of geometric bins (each 10 % wider than the last, so a percentile is within 10 % of the true one).
/// Prometheus keeps the longer history; this is what a person sees without setting anything up.
/// </summary>
public sealed class RequestHistory
{
    public const int Minutes = 60;
    private const double SmallestMs = 0.01;
    private const double Growth = 1.1;
    private static readonly int BinCount = (int)Math.Ceiling(Math.Log(600_000 / SmallestMs) / Math.Log(Growth)) + 1;
    private static readonly string[] ApiPrefixes = ["/predict", "/read", "/feedback", "/models"];

    private readonly Minute[] _minutes = Enumerable.Range(0, Minutes).Select(_ => new Minute()).ToArray();
    private readonly TimeProvider _clock;

    public RequestHistory(TimeProvider clock) => _clock = clock;

    private sealed class Minute
    {
        public long Start = -1;
        public int Requests, ClientErrors, ServerErrors;
        public readonly int[] Latency = new int[BinCount];
    }

    /// <summary>One minute of the API: its start, requests, 4xx and 5xx answers, and latency percentiles in ms (null when idle).</summary>
    public sealed record MinuteFigures(DateTimeOffset Minute, int Requests, int ClientErrors, int ServerErrors, double? P50Ms, double? P95Ms, double? P99Ms);

    public static bool Counts(PathString path) => ApiPrefixes.Any(prefix => path.StartsWithSegments(prefix));

    public void Record(int status, double milliseconds)
    {
        var now = MinuteNumber(_clock.GetUtcNow());
        var minute = _minutes[now % Minutes];
        lock (minute)
        {
            if (minute.Start != now)
            {
                minute.Start = now;
                minute.Requests = minute.ClientErrors = minute.ServerErrors = 0;
                Array.Clear(minute.Latency);
            }
            minute.Requests++;
            if (status is >= 400 and < 500) minute.ClientErrors++;
            else if (status >= 500) minute.ServerErrors++;
            minute.Latency[Bin(milliseconds)]++;
        }
    }

    /// <returns>The last <see cref="Minutes"/> minutes, oldest first, the current one last.</returns>
    public IReadOnlyList<MinuteFigures> LastHour()
    {
        var now = MinuteNumber(_clock.GetUtcNow());
        return Enumerable.Range(0, Minutes).Select(ago =>
        {
            var number = now - (Minutes - 1) + ago;
            var minute = _minutes[number % Minutes];
            var start = DateTimeOffset.FromUnixTimeSeconds(number * 60);
            lock (minute)
            {
                if (minute.Start != number) return new MinuteFigures(start, 0, 0, 0, null, null, null);
                return new MinuteFigures(start, minute.Requests, minute.ClientErrors, minute.ServerErrors,
                    Percentile(minute.Latency, 0.50), Percentile(minute.Latency, 0.95), Percentile(minute.Latency, 0.99));
            }
        }).ToArray();
    }

    private static long MinuteNumber(DateTimeOffset time) => time.ToUnixTimeSeconds() / 60;

    private static int Bin(double milliseconds) =>
        milliseconds <= SmallestMs ? 0 : Math.Min(BinCount - 1, (int)Math.Ceiling(Math.Log(milliseconds / SmallestMs) / Math.Log(Growth)));

    /// <summary>The upper edge of the bin where the share is reached.</summary>
    private static double? Percentile(int[] bins, double share)
    {
        var total = bins.Sum();
        if (total == 0) return null;
        var rank = share * total;
        var seen = 0;
        for (var b = 0; b < bins.Length; b++)
            if ((seen += bins[b]) >= rank)
                return Math.Round(SmallestMs * Math.Pow(Growth, b), 3);
        return null;
    }
}

/// <summary>Feeds <see cref="RequestHistory"/> with every API request's status and duration.</summary>
public sealed class RequestHistoryMiddleware(RequestDelegate next, RequestHistory history)
{
    public async Task InvokeAsync(HttpContext context)
    {
        if (!RequestHistory.Counts(context.Request.Path))
        {
            await next(context);
            return;
        }
        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            history.Record(context.Response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }
    }
}
