using System.Globalization;
using System.Text;

namespace Digits.TrainingBenchmarks;

/// <summary>The training section of BENCHMARKS.md: accuracy over seeds (never the best run alone) and the ablations.</summary>
public static class TrainingReport
{
    public static string Markdown(IReadOnlyList<RunResult> results, bool smoke)
    {
        var text = new StringBuilder();
        void Line(string line = "") => text.AppendLine(line);
        Line("## Our recipes over seeds");
        Line();
        if (smoke) Line("**Smoke run**: 500 training images, one epoch. These figures prove the code works, nothing more.\n");
        Line("Reproduce with `bench/run --training` (or `dotnet run -c Release --project bench/Digits.TrainingBenchmarks -- --out bench/results`).");
        Line("Test accuracy on the 10,000 MNIST test images, which no run sees before its end; train time includes validating every epoch.");
        Line();
        Line("| model | runs | test accuracy, mean ± standard deviation | lowest - highest | train time (mean) | epochs |");
        Line("|---|---:|---:|---:|---:|---:|");
        foreach (var group in results.Where(r => r.Members == 1 && r.Ablation == Ablation.AsIs.Name).GroupBy(r => r.Recipe))
            Line(Invariant($"| {group.Key} | {group.Count()} | {Spread(group)} | {group.Min(r => r.TestAccuracy):P2} - {group.Max(r => r.TestAccuracy):P2} | {group.Average(r => r.TrainSeconds):F0} s | {group.First().Epochs} |"));
        foreach (var ensemble in results.Where(r => r.Members > 1))
            Line(Invariant($"| {ensemble.Recipe} `--ensemble {ensemble.Members}` | 1 | {ensemble.TestAccuracy:P2} | | {ensemble.TrainSeconds:F0} s (all members) | {ensemble.Epochs} each |"));
        Line();
        Line("## Ablations");
        Line();
        Line("Each row takes one choice out of the recipe (all else equal) and trains again with the same seeds; its difference is against the recipe as is with those seeds.");
        foreach (var recipe in results.Where(r => r.Members == 1).GroupBy(r => r.Recipe))
        {
            var baseline = recipe.Where(r => r.Ablation == Ablation.AsIs.Name).ToArray();
            Line();
            Line($"### {recipe.Key}");
            Line();
            Line("| change | seeds | test accuracy, mean ± sd | as is, same seeds | difference | train time (mean) |");
            Line("|---|---:|---:|---:|---:|---:|");
            foreach (var ablation in recipe.GroupBy(r => r.Ablation))
            {
                var seeds = string.Join(", ", ablation.Select(r => r.Seed).Order());
                var pairedBaseline = baseline.Where(b => ablation.Any(r => r.Seed == b.Seed)).ToArray();
                var difference = (ablation.Average(r => r.TestAccuracy) - pairedBaseline.Average(r => r.TestAccuracy)) * 100;
                Line(ablation.Key == Ablation.AsIs.Name
                    ? Invariant($"| {ablation.Key} | {seeds} | {Spread(ablation)} | | | {ablation.Average(r => r.TrainSeconds):F0} s |")
                    : Invariant($"| {ablation.Key} | {seeds} | {Spread(ablation)} | {Spread(pairedBaseline)} | {difference:+0.00;-0.00} points | {ablation.Average(r => r.TrainSeconds):F0} s |"));
            }
        }
        return text.ToString();
    }

    private static string Spread(IEnumerable<RunResult> runs)
    {
        var accuracies = runs.Select(r => r.TestAccuracy * 100).ToArray();
        var mean = accuracies.Average();
        if (accuracies.Length == 1) return Invariant($"{mean:F2} %");
        var deviation = Math.Sqrt(accuracies.Sum(a => (a - mean) * (a - mean)) / (accuracies.Length - 1));
        return Invariant($"{mean:F2} % ± {deviation:F2}");
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
