using Digits.Data;
using Digits.Core.Data;
using Digits.Core.Models;
using Digits.Training.Onnx;

namespace Digits.Training;

/// <summary>Re-exports a saved model's ONNX file from its weights and refreshes the checksums in metadata.json.</summary>
public static class ModelExport
{
    public static string Export(string folder, ModelMetadata metadata)
    {
        using var model = StoredModel.Load(folder, metadata);
        ArtifactWriter.WriteOnnx(folder, model, metadata);
        ArtifactWriter.WriteMetadata(folder, metadata);
        return Path.Combine(folder, ModelFiles.Onnx);
    }

    public const int CalibrationImages = 1000;

    /// <summary>
    /// Writes model.int8.onnx, calibrated on the first training images of the model's own split (never test
    /// images), and returns the test inputs and labels so that the caller can measure both files on them.
    /// </summary>
    public static (float[] TestInputs, byte[] TestLabels) ExportInt8(string folder, ModelMetadata metadata, DatasetFetcher fetcher)
    {
        using var model = StoredModel.Load(folder, metadata);
        using var split = StoredModel.Split(metadata, fetcher);
        using var calibration = split.Train.Inputs.narrow(0, 0, Math.Min(CalibrationImages, split.Train.Count));
        var ranges = ActivationRanges.Measure(model, calibration);
        var bytes = OnnxExporter.Export(model, metadata.Input, metadata.Name, new Dictionary<string, string>
        {
            ["name"] = metadata.Name, ["version"] = metadata.Version, ["quantization"] = "int8 QDQ, per-channel weights",
        }, ranges);
        AtomicFile.Write(Path.Combine(folder, ModelFiles.OnnxInt8), stream => stream.Write(bytes));
        return (split.Test.Inputs.data<float>().ToArray(), split.Test.Images.Labels);
    }
}
