using System.Diagnostics;
using System.Text;
using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Data;
using Digits.Imaging.RealWorld;
using Digits.Inference;
using Digits.Inference.Reading;
using SkiaSharp;

namespace Digits.Benchmarks;

/// <summary>
/// Reads the number set with Digits (the served model, through the /read path) and with Tesseract 5 restricted to
/// digits, on the same images in the same run, and writes the table for BENCHMARKS.md.
/// </summary>
public static class NumberComparison
{
    public static void Run(string resultsFolder, int perKind)
    {
        var fetcher = DatasetFetcher.InDataDirectory();
        var test = DatasetLoader.Load(fetcher, DatasetCatalog.Get(DatasetCatalog.Mnist)).Test!;
        var fonts = FontFetcher.InDataDirectory(FontFetcher.EvaluationPackages).Fetch();
        var samples = NumberSet.Build(test, fonts, perKind);
        using var registry = new ModelRegistry(BenchmarkInputs.ModelsDirectory);
        var model = BenchmarkInputs.ServedModel(registry);
        var digits = NumberEvaluation.Summarize(NumberEvaluation.Read(model, samples), NumberSet.DefaultSeed);
        var tesseract = NumberEvaluation.Summarize(ReadWithTesseract(samples), NumberSet.DefaultSeed);

        var text = new StringBuilder();
        text.AppendLine($"Numbers of {NumberSet.ShortestNumber} to {NumberSet.LongestNumber} digits, {perKind} per kind, made by code from MNIST's test digits, Debian's fonts and pen strokes " +
                        $"(`NumberSet`, seed {NumberSet.DefaultSeed}; never trained on). Digits reads them with `{model.Id}` through the `/read` path; " +
                        $"Tesseract {TesseractVersion()} reads the same images with `--psm 7 -c tessedit_char_whitelist=0123456789` " +
                        "(canvas drawings flattened onto white first, as any viewer shows them).");
        text.AppendLine();
        text.AppendLine("| kind | Digits: read exactly | digits right | needs review | exact among the rest | Tesseract: read exactly | digits right |");
        text.AppendLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var (kind, ours) in digits.Kinds)
        {
            var theirs = tesseract.Kinds[kind];
            text.AppendLine($"| {kind.Replace('_', ' ')} | **{ours.Exact:P1}** | {ours.DigitsRight:P1} | {ours.Flagged:P1} | {ours.UnflaggedExact:P1} | {theirs.Exact:P1} | {theirs.DigitsRight:P1} |");
        }
        text.AppendLine($"| all | **{digits.Exact:P1}** | {digits.DigitsRight:P1} | | | {tesseract.Exact:P1} | {tesseract.DigitsRight:P1} |");
        File.WriteAllText(Path.Combine(Directory.CreateDirectory(resultsFolder).FullName, "numbers.md"), text.ToString());
        Console.Write(text);
    }

    private static IReadOnlyList<NumberEvaluation.Outcome> ReadWithTesseract(IReadOnlyList<NumberSample> samples)
    {
        var folder = Directory.CreateTempSubdirectory("digits-tesseract-");
        try
        {
            return samples.Select((sample, i) => (sample, i)).AsParallel().AsOrdered().WithDegreeOfParallelism(Environment.ProcessorCount).Select(item =>
            {
                var path = Path.Combine(folder.FullName, $"{item.i}.png");
                File.WriteAllBytes(path, OnWhite(item.sample.Image));
                var read = new string(Tesseract(path).Where(char.IsAsciiDigit).ToArray());
                return new NumberEvaluation.Outcome(item.sample.Kind, item.sample.Text, read, Flagged: false);
            }).ToList();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Tesseract(string path) => Run(path, "stdout", "--psm", "7", "-c", "tessedit_char_whitelist=0123456789");

    /// <summary>The first line of `tesseract --version` (written to standard error by some versions).</summary>
    private static string TesseractVersion() => Run("--version").Split('\n')[0].Replace("tesseract ", "").Trim();

    private static string Run(params string[] arguments)
    {
        var start = new ProcessStartInfo("tesseract") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        start.Environment["OMP_THREAD_LIMIT"] = "1";
        using var process = Process.Start(start) ?? throw new InvalidOperationException("tesseract could not be started.");
        var error = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output.Length > 0 ? output : error.Result;
    }

    /// <summary>The image composited over white paper, as a PNG.</summary>
    private static byte[] OnWhite(byte[] image)
    {
        using var bitmap = SKBitmap.Decode(image);
        using var surface = SKSurface.Create(new SKImageInfo(bitmap.Width, bitmap.Height));
        surface.Canvas.Clear(SKColors.White);
        surface.Canvas.DrawBitmap(bitmap, 0, 0);
        using var snapshot = surface.Snapshot();
        using var png = snapshot.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }
}
