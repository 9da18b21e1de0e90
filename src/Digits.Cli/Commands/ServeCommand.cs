using System.CommandLine;
using Digits.Inference;
using Digits.Server;
using Microsoft.Extensions.Hosting;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits serve`: the HTTP API and the page, on ONNX Runtime only.</summary>
public static class ServeCommand
{
    public static readonly Option<string> Urls = new("--urls")
    {
        Description = "Where to listen", DefaultValueFactory = _ => ServerOptions.DefaultUrl,
    };
    public static readonly Option<string?> DefaultModel = new("--default-model")
    {
        Description = "NAME or NAME@VERSION for /predict without ?model= (default: the best image model present)",
    };
    public static readonly Option<double> MaxBodyMegabytes = new("--max-body-mb")
    {
        Description = "Largest request body accepted, in MB", DefaultValueFactory = _ => 5,
    };
    public static readonly Option<bool> Quiet = new("--quiet") { Description = "No per-request log lines" };
    public static readonly Option<bool> Int8 = new("--int8") { Description = "Serve the int8 model (./digits export --int8) by default where one exists" };
    public static readonly Option<bool> NoBatching = new("--no-batching") { Description = "Run every request on its own instead of coalescing concurrent ones" };
    public static readonly Option<int> MaxBatch = new("--max-batch") { Description = "Largest coalesced batch", DefaultValueFactory = _ => 32 };
    public static readonly Option<int> BatchWaitMicroseconds = new("--batch-wait-us")
    {
        Description = "How long a batch waits for more requests (0: never wait, so a lone client sees no delay)", DefaultValueFactory = _ => 0,
    };
    public static readonly Option<int> CacheEntries = new("--cache-size") { Description = "Predictions remembered by exact input (0: off)", DefaultValueFactory = _ => 4096 };

    public static Command Create()
    {
        var command = new Command("serve", "Serve the HTTP API, its documentation at /docs, /metrics and the web page");
        AddOptions(command);
        command.SetAction((result, cancellation) => Failures.Guard(() => Serve(result, cancellation)));
        return command;
    }

    /// <summary>Every serving option, for `serve` and for `up`, which serves after training.</summary>
    public static void AddOptions(Command command)
    {
        foreach (var option in new Option[] { Urls, DefaultModel, Int8, MaxBodyMegabytes, Quiet, NoBatching, MaxBatch, BatchWaitMicroseconds, CacheEntries })
            command.Options.Add(option);
    }

    public static async Task<int> Serve(ParseResult result, CancellationToken cancellation)
    {
        var maxBodyMegabytes = result.GetValue(MaxBodyMegabytes);
        if (!(maxBodyMegabytes > 0)) throw new ArgumentException($"--max-body-mb must be positive, not {maxBodyMegabytes}.");
        var options = new ServerOptions
        {
            Urls = result.GetValue(Urls)!,
            ModelsDirectory = CommonOptions.Store(result).Root,
            DefaultModel = result.GetValue(DefaultModel),
            PreferInt8 = result.GetValue(Int8),
            MaxBodyBytes = (long)(maxBodyMegabytes * 1024 * 1024),
            RequestLogging = !result.GetValue(Quiet),
            Engine = new EngineOptions
            {
                Batching = !result.GetValue(NoBatching),
                MaxBatch = Math.Max(1, result.GetValue(MaxBatch)),
                MaxWait = TimeSpan.FromMicroseconds(Math.Max(0, result.GetValue(BatchWaitMicroseconds))),
                CacheEntries = Math.Max(0, result.GetValue(CacheEntries)),
            },
        };
        await using var app = DigitsServer.Build(options);
        await app.StartAsync(cancellation);
        var url = app.Urls.First().TrimEnd('/');
        AnsiConsole.MarkupLineInterpolated($"[green]Digits is serving[/] models from {options.ModelsDirectory}");
        AnsiConsole.MarkupLineInterpolated($"  page     {url}/");
        AnsiConsole.MarkupLineInterpolated($"  API docs {url}/docs");
        AnsiConsole.MarkupLineInterpolated($"  metrics  {url}/metrics");
        AnsiConsole.MarkupLineInterpolated($"  try      curl -F file=@digit.png {url}/predict");
        AnsiConsole.MarkupLine("Press Ctrl+C to stop.");
        await app.WaitForShutdownAsync(cancellation);
        return 0;
    }
}
