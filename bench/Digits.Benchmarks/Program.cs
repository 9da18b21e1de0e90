using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using Digits.Benchmarks;

// `--write-digit-png FILE`, `--write-number-png FILE`, `--write-scan-folder DIR` (a fine-tuning domain), `--numbers OUT PER-KIND`, `--hardening URL SERVER-PID MODELS OUT FUZZ-COUNT SETTLE-SECONDS` and `--write-report ...` serve bench/run; `--smoke` runs every benchmark once (CI);
// anything else is BenchmarkDotNet's own arguments.
switch (args.FirstOrDefault())
{
    case "--write-digit-png":
        File.WriteAllBytes(args[1], BenchmarkInputs.MnistPng());
        return;
    case "--write-number-png":
        File.WriteAllBytes(args[1], BenchmarkInputs.NumberPhoto());
        return;
    case "--write-scan-folder":
        BenchmarkInputs.ScanFolder(args[1]);
        return;
    case "--numbers":
        NumberComparison.Run(resultsFolder: args[1], perKind: int.Parse(args[2]));
        return;
    case "--hardening":
        Environment.Exit(await Digits.Benchmarks.Hardening.HardeningRun.RunAsync(url: args[1], serverPid: int.Parse(args[2]),
            modelsDirectory: args[3], resultsFolder: args[4], fuzzCount: int.Parse(args[5]), settle: TimeSpan.FromSeconds(double.Parse(args[6], System.Globalization.CultureInfo.InvariantCulture))));
        return;
    case "--write-report":
        BenchmarkReport.Write(resultsFolder: args[1], reportPath: args[2], modelsDirectory: args[3], smoke: args.Contains("--smoke-report"));
        return;
}
var smoke = args.Contains("--smoke");
var config = smoke
    ? DefaultConfig.Instance.AddJob(Job.Dry.WithId("smoke")).WithOptions(ConfigOptions.DisableOptimizationsValidator)
    : DefaultConfig.Instance.AddJob(Job.ShortRun.WithId("short"));
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args.Where(a => a != "--smoke").ToArray(), config);
