namespace Digits.Core.Models;

/// <summary>The names of the files in a model's folder.</summary>
public static class ModelFiles
{
    public const string Onnx = "model.onnx";
    public const string OnnxInt8 = "model.int8.onnx";
    public const string Weights = "weights.bin";
    public const string Metadata = "metadata.json";
    public const string Labels = "labels.json";
    public const string Report = "report.md";
}
