using System.Globalization;

namespace Digits.Benchmarks.Hardening;

/// <summary>
/// The hostile-client benchmarks against a running server: the fuzz run, a hot swap of the default model under load,
/// and a damaged version copied in under load. Writes one line of figures each to hardening.txt and fails when a
/// server error, a dropped connection or a failed request was seen.
/// </summary>
public static class HardeningRun
{
    public static async Task<int> RunAsync(string url, int serverPid, string modelsDirectory, string resultsFolder, int fuzzCount, TimeSpan settle)
    {
        using var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromMinutes(1) };
        var png = BenchmarkInputs.MnistPng();
        var lines = new List<string>();
        var passed = true;

        FuzzRun.Result fuzz;
        long peakKb, startKb;
        await using (var memory = new ProcessMemory(serverPid))
        {
            fuzz = await new FuzzRun(client, Path.Combine(resultsFolder, "fuzz-failures")).RunAsync(fuzzCount, seed: 20261205);
            (startKb, peakKb) = (memory.StartKb, memory.PeakKb);
        }
        var alive = (await client.GetAsync("/health/live")).IsSuccessStatusCode;
        lines.Add($"fuzz requests={fuzz.Requests} server_errors={fuzz.ServerErrors} alive={alive} rss_start_kb={startKb} rss_peak_kb={peakKb} " +
                  $"statuses={string.Join(',', fuzz.Statuses.Select(s => $"{s.Key}:{s.Value}"))}");
        passed &= fuzz.ServerErrors == 0 && alive;

        var changes = new ModelChangeUnderLoad(client, modelsDirectory, png, settle);
        var swap = await changes.HotSwapAsync();
        lines.Add($"hot_swap requests={swap.Requests} failed={swap.Failed} switched_after_ms={swap.SwitchedAfterMs?.ToString("F0", CultureInfo.InvariantCulture) ?? "never"} " +
                  $"switched_back={swap.SwitchedBack} answered_by={AnsweredBy(swap)}");
        passed &= swap.Failed == 0 && swap.SwitchedAfterMs is not null && swap.SwitchedBack;

        var corrupt = await changes.CorruptVersionAsync();
        lines.Add($"corrupt_version requests={corrupt.Requests} failed={corrupt.Failed} answered_by={AnsweredBy(corrupt)} " +
                  $"load_error_reported={corrupt.LoadError is not null}");
        passed &= corrupt.Failed == 0 && corrupt.AnsweredBy.Count == 1 && corrupt.LoadError is not null;

        File.WriteAllLines(Path.Combine(resultsFolder, "hardening.txt"), lines);
        foreach (var line in lines) Console.WriteLine(line);
        return passed ? 0 : 1;
    }

    private static string AnsweredBy(ModelChangeUnderLoad.Result result) =>
        string.Join(',', result.AnsweredBy.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}:{p.Value}"));
}
