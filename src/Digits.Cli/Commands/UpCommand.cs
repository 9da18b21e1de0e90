using System.CommandLine;
using System.Diagnostics;
using Digits.Core.Data;
using Digits.Core.Models;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>
/// `digits up`: the newcomer's command. Fetches MNIST if missing, trains the default model if none exists,
/// then serves. Training runs as a child process so that the serving process never loads libtorch.
/// </summary>
public static class UpCommand
{
    public const string DefaultModel = "cnn";

    public static Command Create()
    {
        var command = new Command("up", $"Fetch MNIST if missing, train the default model ({DefaultModel}) if there is none, then serve the API and the page")
        {
            ServeCommand.Urls, ServeCommand.Quiet, ServeCommand.NoBatching, ServeCommand.MaxBatch, ServeCommand.BatchWaitMicroseconds, ServeCommand.CacheEntries,
        };
        command.SetAction((result, cancellation) => Failures.Guard(async () =>
        {
            var fetcher = CommonOptions.Fetcher(result, message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"));
            fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Mnist));
            var store = CommonOptions.Store(result);
            if (store.Find(new ModelReference(DefaultModel, null)) is null)
            {
                AnsiConsole.MarkupLineInterpolated($"No '{DefaultModel}' model yet: training one (about 4 minutes on 2 cores).");
                var status = await TrainInChildProcess(["train", "--model", DefaultModel, .. ForwardedOptions(result)], cancellation);
                if (status != 0) return status;
            }
            return await ServeCommand.Serve(result, cancellation);
        }));
        return command;
    }

    private static IEnumerable<string> ForwardedOptions(ParseResult result)
    {
        if (result.GetValue(CommonOptions.DataDirectory) is { } data) yield return $"--data-dir={data}";
        if (result.GetValue(CommonOptions.ModelsDirectory) is { } models) yield return $"--models-dir={models}";
    }

    private static async Task<int> TrainInChildProcess(IEnumerable<string> arguments, CancellationToken cancellation)
    {
        var start = new ProcessStartInfo(Environment.ProcessPath!);
        var entry = Environment.GetCommandLineArgs()[0];
        if (entry.EndsWith(".dll", StringComparison.OrdinalIgnoreCase)) start.ArgumentList.Add(entry);
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var child = Process.Start(start)!;
        try
        {
            await child.WaitForExitAsync(cancellation);
        }
        catch (OperationCanceledException)
        {
            await child.WaitForExitAsync(CancellationToken.None);
        }
        return child.ExitCode;
    }
}
