using Digits.Core.Data;
using System.ComponentModel;
using System.Diagnostics;

namespace Digits.Data;

/// <summary>Runs a command-line tool and turns its absence or failure into an actionable message.</summary>
public static class ExternalTool
{
    public static void Run(string tool, IEnumerable<string> arguments, string workingDirectory, string installHint)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
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
            process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                throw new DataFetchException(
                    $"'{tool} {string.Join(' ', start.ArgumentList)}' failed (exit code {process.ExitCode}): " +
                    $"{error.Result.Trim()}\n{installHint}");
        }
    }
}
