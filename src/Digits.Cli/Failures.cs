using Digits.Core.Models;
using Digits.Server;
using Digits.Data;
using Digits.Core.Data;
using Spectre.Console;

namespace Digits.Cli;

/// <summary>Turns the errors a user can act on into one clear red line and exit code 1, never a stack trace.</summary>
public static class Failures
{
    public static async Task<int> Guard(Func<Task<int>> action)
    {
        try
        {
            return await action();
        }
        catch (Exception e) when (e is DataFetchException or DataFormatException or InvalidTrainingOptionsException or InvalidServerOptionsException or ArgumentException
                                      or InvalidOperationException or FileNotFoundException or IOException
                                      or Digits.Inference.ModelLoadException)
        {
            AnsiConsole.MarkupLineInterpolated($"[red]error:[/] {e.Message}");
            return 1;
        }
    }

    /// <summary>
    /// Runs synchronous work off the calling thread: System.CommandLine installs its Ctrl+C handler only once the
    /// action has returned its task, so work done before returning could not be interrupted cleanly.
    /// </summary>
    public static Task<int> Guard(Func<int> action) => Guard(() => Task.Run(action));
}
