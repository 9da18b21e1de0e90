using System.ComponentModel;
using System.Diagnostics;

namespace Digits.Data;

/// <summary>Runs a command-line tool and turns its absence, failure or hang into an actionable message.</summary>
public static class ExternalTool
{
    /// <summary>Long enough for a package index or a data set over a slow mirror, short enough that a hung tool is noticed.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    public static void Run(string tool, IEnumerable<string> arguments, string workingDirectory, string installHint,
        TimeSpan? timeout = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        var command = $"'{tool} {string.Join(' ', start.ArgumentList)}'";
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new DataFetchException($"Could not start '{tool}'.");
        }
        catch (Win32Exception)
        {
            throw new DataFetchException($"'{tool}' is not installed. {installHint}");
        }
        using (process)
        {
            var error = process.StandardError.ReadToEndAsync();
            var output = process.StandardOutput.ReadToEndAsync();
            var limit = timeout ?? DefaultTimeout;
            if (!process.WaitForExit(limit))
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                throw new DataFetchException($"{command} did not finish within {limit.TotalSeconds:0.#} s and was stopped.\n{installHint}");
            }
            process.WaitForExit();
            _ = output.Result;
            if (process.ExitCode != 0)
                throw new DataFetchException(
                    $"{command} failed (exit code {process.ExitCode}): {error.Result.Trim()}\n{installHint}");
        }
    }
}
