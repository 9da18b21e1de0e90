using Digits.Data;
using System.CommandLine;
using Digits.Core.Data;
using Digits.Core.Metrics;
using Digits.Core.Models;
using Digits.Inference;
using Digits.Training;
using Spectre.Console;

namespace Digits.Cli.Commands;

/// <summary>`digits export [--model NAME[@VERSION]]`: writes model.onnx again from the saved weights.</summary>
public static class ExportCommand
{
    public static Command Create()
    {
        var model = new Option<string?>("--model", "-m") { Description = "NAME or NAME@VERSION (default: the newest model)" };
        var int8 = new Option<bool>("--int8") { Description = "Also write model.int8.onnx (static int8, calibrated on training images) and compare it with the float model" };
        var command = new Command("export", "Export a saved model to ONNX (model.onnx in its folder)") { model, int8 };
        command.SetAction(result => Failures.Guard(() =>
        {
            var store = CommonOptions.Store(result);
            var folder = store.Resolve(result.GetValue(model));
            var metadata = store.ReadMetadata(folder);
            var file = ModelExport.Export(folder, metadata);
            AnsiConsole.MarkupLineInterpolated($"[green]Wrote[/] {file} ({new FileInfo(file).Length / 1024.0:F0} KB)");
            if (result.GetValue(int8)) ExportInt8(folder, metadata, CommonOptions.Fetcher(result));
            return 0;
        }));
        return command;
    }

    private static void ExportInt8(string folder, ModelMetadata metadata, DatasetFetcher fetcher)
    {
        var (inputs, labels) = ModelExport.ExportInt8(folder, metadata, fetcher);
        double Accuracy(string file)
        {
            using var onnx = OnnxModel.Load(folder, metadata, file, intraOpThreads: Environment.ProcessorCount);
            var probabilities = onnx.Run(inputs, labels.Length);
            return (double)Enumerable.Range(0, labels.Length)
                .Count(i => Evaluation.ArgMax(probabilities.AsSpan(i * onnx.ClassCount, onnx.ClassCount)) == labels[i]) / labels.Length;
        }
        var summary = new Int8Summary(Accuracy(ModelFiles.Onnx), Accuracy(ModelFiles.OnnxInt8),
            new FileInfo(Path.Combine(folder, ModelFiles.Onnx)).Length, new FileInfo(Path.Combine(folder, ModelFiles.OnnxInt8)).Length,
            ModelExport.CalibrationImages);
        ArtifactWriter.WriteMetadata(folder, metadata with { Int8 = summary });
        var path = Path.Combine(folder, ModelFiles.OnnxInt8);
        AnsiConsole.MarkupLineInterpolated(
            $"[green]Wrote[/] {path} ({summary.Int8Bytes / 1024.0:F0} KB, {(double)summary.Int8Bytes / summary.Fp32Bytes:P0} of the float file); test accuracy {summary.Int8Accuracy:P2} against {summary.Fp32Accuracy:P2} in float");
    }
}
