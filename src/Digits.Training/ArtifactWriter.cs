using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Training.Onnx;
using Digits.Training.Reports;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>Fills a model folder: weights, labels, report and pictures, then metadata.json with every file's SHA-256.</summary>
public static class ArtifactWriter
{
    public static void Write(string folder, nn.Module<Tensor, Tensor> model, ModelMetadata metadata, LabeledImages test, float[] probabilities)
    {
        model.save(Path.Combine(folder, ModelFiles.Weights));
        WriteOnnx(folder, model, metadata);
        AtomicFile.WriteAllText(Path.Combine(folder, ModelFiles.Labels),
            DigitsJson.Serialize(metadata.Labels.Select((label, index) => (index, label)).ToDictionary(p => p.index.ToString(), p => p.label)));
        ReportWriter.Write(folder, metadata, test, probabilities);
        WriteMetadata(folder, metadata);
    }

    public static void WriteOnnx(string folder, nn.Module<Tensor, Tensor> model, ModelMetadata metadata)
    {
        var bytes = OnnxExporter.Export(model, metadata.Input, metadata.Name, new Dictionary<string, string>
        {
            ["name"] = metadata.Name,
            ["version"] = metadata.Version,
            ["labels"] = DigitsJson.Serialize(metadata.Labels),
        });
        AtomicFile.Write(Path.Combine(folder, ModelFiles.Onnx), stream => stream.Write(bytes));
    }

    /// <summary>Rewrites metadata.json with the checksums of the folder's current files.</summary>
    public static void WriteMetadata(string folder, ModelMetadata metadata)
    {
        var files = Directory.GetFiles(folder)
            .Select(Path.GetFileName).OfType<string>()
            .Where(name => name != ModelFiles.Metadata && !name.StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .ToDictionary(name => name, name => FileHashes.Sha256(Path.Combine(folder, name)));
        AtomicFile.WriteAllText(Path.Combine(folder, ModelFiles.Metadata), DigitsJson.Serialize(metadata with { Files = files }));
    }
}
