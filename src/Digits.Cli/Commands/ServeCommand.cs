using System.CommandLine;
using System.Globalization;
using Digits.Server;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>
/// `digits serve`: the HTTP API and the page, on ONNX Runtime only. Each flag feeds the configuration key of its
/// own name (--max-body-mb is max_body_mb), over appsettings.json and DIGITS_* environment variables.
/// </summary>
public static class ServeCommand
{
    private static readonly ServerOptions Defaults = new();

    private static readonly Option[] Flags =
    [
        new Option<string>("--urls") { Description = $"Where to listen (default: {Defaults.Urls})" },
        new Option<string>("--default-model") { Description = "NAME or NAME@VERSION for /predict without ?model= (default: the most accurate digit image model present)" },
        new Option<bool>("--int8") { Description = "Serve the int8 model (./digits export --int8) by default where one exists" },
        new Option<double>("--max-body-mb") { Description = $"Largest request body accepted, in MB (default: {Defaults.MaxBodyMegabytes})" },
        new Option<bool>("--quiet") { Description = "No per-request log lines" },
        new Option<bool>("--no-batching") { Description = "Run every request on its own instead of coalescing concurrent ones" },
        new Option<int>("--max-batch") { Description = $"Largest coalesced batch (default: {Defaults.MaxBatch})" },
        new Option<int>("--max-batch-images") { Description = $"The most images one /predict/batch request may hold (default: {Defaults.MaxBatchImages})" },
        new Option<int>("--max-concurrent-requests") { Description = $"API requests worked on at once (default: {Defaults.MaxConcurrentRequests})" },
        new Option<int>("--max-queued-requests") { Description = $"API requests waiting beyond those; more get 503 with Retry-After (default: {Defaults.MaxQueuedRequests})" },
        new Option<int>("--rate-limit") { Description = "API requests one client (its API key, or its IP address while keys are off) may make a minute; more get 429 with Retry-After (default: 0, no limit)" },
        new Option<int>("--batch-wait-us") { Description = "How long a batch waits for more requests, in microseconds (default: 0, so a lone client sees no delay)" },
        new Option<int>("--cache-size") { Description = $"Predictions remembered by exact input, 0 for none (default: {Defaults.CacheEntries})" },
        new Option<string>("--allowed-hosts")
        {
            Description = "Host names answered, separated by ';', or * for any (default: localhost, 127.0.0.1 and [::1] when listening on loopback, else any)",
        },
        new Option<string>("--api-keys") { Description = $"API keys separated by commas, each at least {ServerOptions.MinimumKeyLength} characters: every API call then needs 'Authorization: Bearer KEY' or 'X-Api-Key: KEY' (default: none, the API is open)" },
        new Option<string>("--api-keys-file") { Description = "A file of API keys, one a line ('#' starts a comment)" },
        new Option<bool>("--open-metrics") { Description = "Let /metrics answer without a key while keys are on" },
        new Option<string>("--feedback-db") { Description = "Where answers and feedback are kept: a SQLite file, a postgresql://user:password@host/database URL shared by several servers, or off (default: feedback.db beside the models folder)" },
        new Option<int>("--feedback-keep") { Description = $"The most answers kept for feedback (default: {Defaults.FeedbackMaxPredictions})" },
        new Option<double>("--feedback-days") { Description = $"Days an answer is kept for feedback (default: {Defaults.FeedbackMaxAgeDays})" },
    ];

    public static Command Create()
    {
        var command = new Command("serve", "Serve the HTTP API, its documentation at /docs, /metrics and the web page. " +
                                           "Every flag can also be set in appsettings.json or as DIGITS_FLAG_NAME (DIGITS_MAX_BODY_MB)");
        AddOptions(command);
        command.SetAction((result, cancellation) => Failures.Guard(() => Serve(LoadOptions(result), cancellation)));
        return command;
    }

    /// <summary>Every serving flag, for `serve` and for `up`, which serves after training.</summary>
    public static void AddOptions(Command command)
    {
        foreach (var option in Flags) command.Options.Add(option);
    }

    /// <summary>The server's options from the file, the environment and the flags given (models folder included), validated.</summary>
    public static ServerOptions LoadOptions(ParseResult result) =>
        ServerConfiguration.Load(Flags.Append(CommonOptions.ModelsDirectory)
            .Select(option => (Key: option.Name.TrimStart('-').Replace('-', '_'), Given: result.GetResult(option)))
            .Where(flag => flag.Given is { Implicit: false })
            .Select(flag => KeyValuePair.Create(flag.Key, Convert.ToString(flag.Given!.GetValueOrDefault<object>(), CultureInfo.InvariantCulture))));

    public static async Task<int> Serve(ServerOptions options, CancellationToken cancellation)
    {
        await using var app = DigitsServer.Build(options);
        await app.StartAsync(cancellation);
        var url = app.Urls.First().TrimEnd('/');
        AnsiConsole.MarkupLineInterpolated($"[green]Digits is serving[/] models from {Path.GetFullPath(options.ModelsDirectory)}");
        AnsiConsole.MarkupLineInterpolated($"  page     {url}/");
        AnsiConsole.MarkupLineInterpolated($"  API docs {url}/docs");
        AnsiConsole.MarkupLineInterpolated($"  metrics  {url}/metrics");
        var kept = options.FeedbackSetting.Equals(Digits.Feedback.FeedbackDatabase.Off, StringComparison.OrdinalIgnoreCase)
            ? "feedback off"
            : $"answers kept in {options.FeedbackSetting}";
        AnsiConsole.MarkupLineInterpolated($"  monitor  {url}/#/monitoring ({kept})");
        AnsiConsole.MarkupLineInterpolated($"  try      curl -F file=@digit.png {url}/predict");
        AnsiConsole.MarkupLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellation);
        return 0;
    }
}
