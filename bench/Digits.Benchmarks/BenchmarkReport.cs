using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;
using Digits.Core.Models;

namespace Digits.Benchmarks;

/// <summary>Writes BENCHMARKS.md from the results of bench/run, beside the targets and the seeds' stack.</summary>
public static partial class BenchmarkReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void Write(string resultsFolder, string reportPath, string modelsDirectory, bool smoke)
    {
        var http = File.ReadAllLines(Path.Combine(resultsFolder, "http.txt"))
            .Select(line => line.Split(' ', 2))
            .ToDictionary(parts => parts[0], parts => Fields(parts[1]));
        var startup = Fields(File.ReadAllText(Path.Combine(resultsFolder, "startup.txt")));
        var memory = Fields(File.ReadAllText(Path.Combine(resultsFolder, "memory.txt")));
        var bdnTables = Directory.Exists(Path.Combine(resultsFolder, "bdn"))
            ? Directory.GetFiles(Path.Combine(resultsFolder, "bdn"), "*-report-github.md", SearchOption.AllDirectories).Order().ToArray()
            : [];
        var modelTable = bdnTables.Where(f => f.Contains("ModelBenchmarks")).Select(File.ReadAllText).FirstOrDefault() ?? "";
        var singleMs = MeanMilliseconds(modelTable, batch: 1, int8: false, threads: 1);
        var singleInt8Ms = MeanMilliseconds(modelTable, batch: 1, int8: true, threads: 1);
        var bestFloat = new[] { 32, 256 }.SelectMany(b => new[] { 1, 2 }.Select(t => (Batch: b, Threads: t, Ms: MeanMilliseconds(modelTable, b, false, t))))
            .Where(r => r.Ms is not null).OrderBy(r => r.Ms / r.Batch).FirstOrDefault();
        var bestInt8 = new[] { 32, 256 }.SelectMany(b => new[] { 1, 2 }.Select(t => (Batch: b, Threads: t, Ms: MeanMilliseconds(modelTable, b, true, t))))
            .Where(r => r.Ms is not null).OrderBy(r => r.Ms / r.Batch).FirstOrDefault();

        var store = new ModelStore(modelsDirectory);
        var cnn = store.ReadMetadata(store.Resolve("cnn"));
        var epochSeconds = cnn.History.Average(h => h.Seconds);

        var text = new StringBuilder();
        void Line(string s = "") => text.AppendLine(s);
        Line("# Benchmarks");
        Line();
        if (smoke) Line("**Smoke run**: every benchmark ran once, briefly, on tiny models. These figures prove the code works, nothing more.\n");
        Line($"Measured {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC on {Machine()}. The machine is shared and noisy: compare ratios, not digits.");
        Line("wrk and the server share the same cores, so HTTP figures are a lower bound for a server with its own CPU. Each measured wrk run follows an unmeasured 10 s run of the same shape (the JIT has settled).");
        Line();
        Line("Reproduce with `bench/run` (about 10 minutes; needs trained `cnn` and `digits8x8-mlp` models in `models/`).");
        Line();
        Line("| figure | seeds' stack here | target | Digits | how |");
        Line("|---|---|---|---|---|");
        Row("`/predict` throughput, 16 connections", "510-550 req/s (p50 29 ms, p99 36-51 ms)", "10,000 req/s, p99 < 5 ms", Http(http, "predict_16_batching"), "wrk -t2 -c16, the model-card `cnn`, a 28x28 PNG as multipart `file`, cache off, batching on");
        Row("`/predict` without batching", "", "", Http(http, "predict_16_no_batching"), "same, `--no-batching`");
        Row("`/predict` with the cache", "", "", Http(http, "predict_16_cache"), "same, one repeated image, cache on (the default)");
        Row("`/predict` keeping answers for feedback", "", "at least 90 % of the throughput without", StoreShare(http),
            "the 16-connection run above (answers kept in SQLite, the default) against the same run with `--feedback-db off`");
        Row("`/predict/features` throughput", "2,100 req/s", "20,000 req/s", Http(http, "features_16"), "wrk -t2 -c16, JSON body");
        Row("`/read` throughput, 16 connections", "", "2,000 req/s", Http(http, "read_16"), "wrk -t2 -c16, a 6-digit 400x80 paper photo (`--write-number-png`), the model `./digits up` serves when present");
        Row("single client, sequential `/predict`", "2.05 ms p50", "< 0.5 ms p50", http.TryGetValue("predict_sequential", out var seq) ? $"{seq["p50"]} ms p50 ({seq["rps"]} req/s)" : "-", "wrk -t1 -c1");
        Row("single-image model latency in process", "1.07 ms", "< 0.05 ms",
            singleMs is { } s ? $"{s:F4} ms float, {singleInt8Ms:F4} ms int8" : "-", "BenchmarkDotNet, ONNX Runtime, `cnn`, batch 1, 1 thread");
        Row("batched model throughput", "1,900 images/s (batch 256)", "50,000 images/s float, 1.5x that int8",
            bestFloat.Ms is { } f && bestInt8.Ms is { } q
                ? $"{bestFloat.Batch / f * 1000:N0} images/s float (batch {bestFloat.Batch}, {Threads(bestFloat.Threads)}), {bestInt8.Batch / q * 1000:N0} int8 (batch {bestInt8.Batch}, {Threads(bestInt8.Threads)}): {f / bestFloat.Batch / (q / bestInt8.Batch):F2}x"
                : "-",
            "BenchmarkDotNet, `cnn`, the best batch and thread count of each");
        Row("server memory after load", "256 MB", "< 150 MB",
            $"{double.Parse(memory["rss_start_kb"], Invariant) / 1024:F0} MB RSS after start, {double.Parse(memory["rss_kb"], Invariant) / 1024:F0} MB after the load tests",
            "VmRSS once the models are loaded and have answered one request, and again after the wrk runs");
        Row("start to first answer", "1.5 s", "< 1 s", $"{double.Parse(startup["startup_ms"], Invariant) / 1000:F2} s (median of 5 starts; {startup["startup_all_ms"].Replace(",", ", ")} ms)",
            "process start to the first /predict answer, including the .NET runtime");
        Row("seconds per training epoch (model-card CNN)", "20 s", "< 12 s", $"{epochSeconds:F1} s", $"mean over the {cnn.History.Count} epochs of {cnn.Name}@{cnn.Version}");
        Line();
        Line($"The server process mapped libtorch {memory.GetValueOrDefault("libtorch_mappings", "?")} times (0: it runs on ONNX Runtime only).");
        Line();
        HardeningSection(resultsFolder, Line);
                Line("## Training: time to accuracy");
        Line();
        Line("| model | test accuracy | real-world images | epochs | train time | seconds per epoch | data |");
        Line("|---|---:|---:|---:|---:|---:|---|");
        foreach (var name in store.Names())
        {
            var m = store.ReadMetadata(store.Resolve(name));
            Line($"| {name} | {m.Metrics.Test.Accuracy:P2} | {(m.Metrics.RealWorld is { } realWorld ? realWorld.Accuracy.ToString("P1") : "not measured")} | {m.EpochsRun} | {m.TrainSeconds:F0} s | {m.History.Average(h => h.Seconds):F1} | {m.Split.Train:N0} train{(m.Spec.Options.Limit is { } l ? $" (limit {l})" : "")} |");
        }
        Line();
        Line("## Reading whole numbers: Digits and Tesseract");
        Line();
        var numbers = Path.Combine(resultsFolder, "numbers.md");
        Line(File.Exists(numbers) ? File.ReadAllText(numbers).Trim() : "Not measured in this run.");
        var training = Path.Combine(resultsFolder, "training.md");
        Line();
        Line(File.Exists(training)
            ? File.ReadAllText(training).Trim()
            : "Our recipes over seeds and their ablations: not measured in this run (`bench/run --training` measures them).");
        foreach (var table in bdnTables)
        {
            Line();
            Line($"## {Path.GetFileName(table).Replace("-report-github.md", "").Split('.').Last()}");
            Line();
            Line(File.ReadAllText(table).Trim());
        }
        File.WriteAllText(reportPath, text.ToString());

        void Row(string figure, string seeds, string target, string measured, string how) =>
            Line($"| {figure} | {seeds} | {target} | **{measured}** | {how} |");
    }

    /// <summary>The hostile-client figures of bench/run (fuzz, model changes under load, soak), when it measured them.</summary>
    private static void HardeningSection(string resultsFolder, Action<string> line)
    {
        var file = Path.Combine(resultsFolder, "hardening.txt");
        if (!File.Exists(file)) return;
        var runs = File.ReadAllLines(file).Select(l => l.Split(' ', 2)).ToDictionary(p => p[0], p => Fields(p[1]));
        double Mb(string kb) => double.Parse(kb, Invariant) / 1024;
        line("## Hardening: a hostile client on loopback");
        line("");
        line("| run | requests | failed | figures | how |");
        line("|---|---:|---:|---|---|");
        if (runs.TryGetValue("fuzz", out var fuzz))
            line($"| fuzz | {int.Parse(fuzz["requests"], Invariant):N0} | {fuzz["server_errors"]} server errors | memory {Mb(fuzz["rss_start_kb"]):F0} MB at start, at most {Mb(fuzz["rss_peak_kb"]):F0} MB; answers {fuzz["statuses"].Replace(",", ", ")}; alive after: {fuzz["alive"]} | " +
                 "PNG, JPEG, WebP, BMP and GIF digits with flipped bits, overwritten and inserted runs, truncation and huge declared sizes, to `/predict`, `/predict/batch` and `/read`; damaged multipart bodies; damaged JSON to `/predict/pixels`, `/predict/features` and `/feedback`; 8 connections (`--hardening`) |");
        if (runs.TryGetValue("hot_swap", out var swap))
            line($"| hot swap of the default model | {int.Parse(swap["requests"], Invariant):N0} | {swap["failed"]} | the new version answered {swap["switched_after_ms"]} ms after it was renamed into place, and the old one again once it was deleted: {swap["switched_back"]}; answers by version: {swap["answered_by"].Replace(",", ", ")} | " +
                 "8 connections posting to `/predict` while a newer version is published (built under a hidden name, renamed into place) and later deleted |");
        if (runs.TryGetValue("corrupt_version", out var corrupt))
            line($"| damaged version copied in | {int.Parse(corrupt["requests"], Invariant):N0} | {corrupt["failed"]} | answers by version: {corrupt["answered_by"].Replace(",", ", ")}; the failure listed in `GET /models/cnn`: {corrupt["load_error_reported"]} | " +
                 "the same load while a newer version whose `model.onnx` is cut in half appears |");
        if (runs.TryGetValue("soak", out var soak))
            line($"| soak at saturation, {soak["duration"]} | {int.Parse(soak["requests"], Invariant):N0} | {soak["errors"]} | {int.Parse(soak["rps"], Invariant):N0} req/s, p99 {soak["p99"]} ms; memory {Mb(soak["rss_start_kb"]):F0} MB after the warm-up, {Mb(soak["rss_end_kb"]):F0} MB at the end ({(Mb(soak["rss_end_kb"]) / Mb(soak["rss_start_kb"]) - 1):+0.0%;-0.0%}) | " +
                 "wrk -t2 -c16 on `/predict`, cache off, after the runs above |");
        line("");
    }

    private static string StoreShare(Dictionary<string, Dictionary<string, string>> http) =>
        http.TryGetValue("predict_16_batching", out var kept) && http.TryGetValue("predict_16_no_feedback_store", out var off)
            ? $"{double.Parse(kept["rps"], CultureInfo.InvariantCulture) / double.Parse(off["rps"], CultureInfo.InvariantCulture):P0} ({kept["rps"]} against {off["rps"]} req/s)"
            : "-";

    private static string Http(Dictionary<string, Dictionary<string, string>> http, string name) =>
        http.TryGetValue(name, out var r) ? $"{int.Parse(r["rps"], Invariant):N0} req/s, p50 {r["p50"]} ms, p99 {r["p99"]} ms, {r["errors"]} errors" : "-";

    private static Dictionary<string, string> Fields(string text) =>
        text.Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1]);

    /// <summary>The Mean column of the row for a batch size in BenchmarkDotNet's GitHub table, in milliseconds.</summary>
    private static string Threads(int count) => count == 1 ? "1 thread" : $"{count} threads";

    private static double? MeanMilliseconds(string table, int batch, bool int8, int threads)
    {
        var header = table.Split('\n').FirstOrDefault(l => l.Contains("Mean"));
        if (header is null) return null;
        var columns = header.Split('|').Select(c => c.Trim()).ToList();
        var batchColumn = columns.IndexOf("Batch");
        var int8Column = columns.IndexOf("Int8");
        var threadsColumn = columns.IndexOf("Threads");
        var meanColumn = columns.IndexOf("Mean");
        var last = new[] { batchColumn, int8Column, threadsColumn, meanColumn }.Max();
        var row = table.Split('\n').Select(l => l.Split('|').Select(c => c.Trim().Trim('*')).ToList())
            .FirstOrDefault(cells => cells.Count > last && cells[batchColumn] == batch.ToString(Invariant)
                                     && cells[int8Column] == (int8 ? "True" : "False") && cells[threadsColumn] == threads.ToString(Invariant));
        if (row is null) return null;
        var match = Duration().Match(row[meanColumn].Replace(",", ""));
        if (!match.Success) return null;
        var value = double.Parse(match.Groups[1].Value, Invariant);
        return match.Groups[2].Value switch { "ns" => value / 1e6, "μs" or "us" => value / 1e3, "ms" => value, "s" => value * 1e3, _ => null };
    }

    [GeneratedRegex(@"([\d.]+)\s*(ns|μs|us|ms|s)\b")]
    private static partial Regex Duration();

    private static string Machine()
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name"))?.Split(':', 2)[1].Trim()
            : null;
        return $"{cpu ?? "unknown CPU"}, {Environment.ProcessorCount} cores, {GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / (1L << 30)} GB, " +
               $"{RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }
}
