using System.Globalization;
using System.Text;
using Digits.Core.Data;
using Digits.Core.Models;

namespace Digits.Training.Reports;

/// <summary>The report's section on real-world images, written (or replaced) once they are measured.</summary>
public static class RealWorldReport
{
    private const string Heading = "## Real-world images (never trained on)";

    public static void Write(string folder, ModelMetadata metadata)
    {
        if (metadata.Metrics.RealWorld is not { } realWorld) return;
        var path = Path.Combine(folder, ModelFiles.Report);
        var report = File.Exists(path) ? File.ReadAllText(path) : "";
        var start = report.IndexOf(Heading, StringComparison.Ordinal);
        if (start >= 0)
        {
            var next = report.IndexOf("\n## ", start + Heading.Length, StringComparison.Ordinal);
            report = report[..start] + (next < 0 ? "" : report[(next + 1)..]);
        }
        var invariant = CultureInfo.InvariantCulture;
        var section = new StringBuilder();
        section.AppendLine(Heading).AppendLine();
        section.AppendLine(invariant, $"Photos of MNIST test digits on paper, printed digits in many typefaces, 8x8 scans and canvas strokes, made by code (seed {realWorld.Seed}); MNIST test accuracy beside it: {metadata.Metrics.Test.Accuracy:P2}.");
        section.AppendLine().AppendLine("| kind | images | accuracy | refused as empty | needs review | accuracy of the rest |").AppendLine("|---|---:|---:|---:|---:|---:|");
        foreach (var (kind, figures) in realWorld.Kinds)
            section.AppendLine(invariant, $"| {kind} | {figures.Images} | {figures.Accuracy:P1} | {figures.Refused} | {figures.Flagged:P1} | {figures.UnflaggedAccuracy:P2} |");
        section.AppendLine(invariant, $"| all | {realWorld.Kinds.Values.Sum(k => k.Images)} | **{realWorld.Accuracy:P1}** | {realWorld.Kinds.Values.Sum(k => k.Refused)} | {realWorld.Flagged:P1} | {realWorld.UnflaggedAccuracy:P2} |");
        AtomicFile.WriteAllText(path, report.TrimEnd() + "\n\n" + section);
    }
}
