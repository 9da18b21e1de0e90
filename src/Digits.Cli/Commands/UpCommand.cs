using Digits.Data;
using System.CommandLine;
using System.Diagnostics;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Server;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>
/// `digits up`: the newcomer's command. Fetches MNIST if missing, trains the default model if none exists,
/// then serves. Training runs as a child process so that the serving process never loads libtorch.
/// </summary>
public static class UpCommand
{
    public static Command Create()
    {
        var command = new Command("up", $"Fetch MNIST if missing, train {DefaultRecipes.Images} if there is no digit image model, then serve the API and the page");
        ServeCommand.AddOptions(command);
        command.SetAction((result, cancellation) => Failures.Guard(async () =>
        {
            var fetcher = CommonOptions.Fetcher(result, message => AnsiConsole.MarkupLineInterpolated($"[grey]{message}[/]"));
            fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Mnist));
            var options = ServeCommand.LoadOptions(result);
            foreach (var recipe in UpDecisions.RecipesToTrain(new ModelStore(options.ModelsDirectory)))
            {
                // Up's models take under a minute, so a run it was stopped in is started afresh rather than refused.
                string[] train = ["train", "--model", recipe, "--restart", .. ForwardedOptions(result, options)];
                var status = recipe == DefaultRecipes.Images
                    ? await TrainImageModel(train, cancellation)
                    : await TrainFeaturesModel(train, fetcher, cancellation);
                if (status != 0) return status;
            }
            return await ServeCommand.Serve(options, cancellation);
        }));
        return command;
    }

    private static async Task<int> TrainImageModel(string[] train, CancellationToken cancellation)
    {
        AnsiConsole.MarkupLineInterpolated($"No digit image model yet: training '{DefaultRecipes.Images}' (under a minute on 2 cores).");
        var status = await TrainInChildProcess(train, cancellation);
        if (status == 0)
            AnsiConsole.MarkupLine("For the most accurate model run [bold]./digits train --model champion[/], or [bold]--ensemble 3[/] for three of them averaged. The server picks new models up while it runs.");
        return status;
    }

    /// <summary>The page's 8x8 grid needs the small 8x8 model (seconds to train); without its data set the rest still works.</summary>
    private static async Task<int> TrainFeaturesModel(string[] train, DatasetFetcher fetcher, CancellationToken cancellation)
    {
        try
        {
            fetcher.Fetch(DatasetCatalog.Get(DatasetCatalog.Digits8x8));
            await TrainInChildProcess(train, cancellation);
        }
        catch (DataFetchException e)
        {
            AnsiConsole.MarkupLineInterpolated($"[yellow]The 8x8 grid will have no model:[/] {e.Message}");
        }
        return 0;
    }

    /// <summary>The child trains where the server will look, wherever that was configured.</summary>
    private static IEnumerable<string> ForwardedOptions(ParseResult result, ServerOptions options)
    {
        if (result.GetValue(CommonOptions.DataDirectory) is { } data) yield return $"--data-dir={data}";
        yield return $"--models-dir={Path.GetFullPath(options.ModelsDirectory)}";
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
