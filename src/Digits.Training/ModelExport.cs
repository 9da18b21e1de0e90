using Digits.Core.Models;

namespace Digits.Training;

/// <summary>Re-exports a saved model's ONNX file from its weights and refreshes the checksums in metadata.json.</summary>
public static class ModelExport
{
    public static string Export(string folder, ModelMetadata metadata)
    {
        using var model = Recipes.Get(metadata.Name).Create();
        model.load(Path.Combine(folder, ModelFiles.Weights));
        model.eval();
        ArtifactWriter.WriteOnnx(folder, model, metadata);
        ArtifactWriter.WriteMetadata(folder, metadata);
        return Path.Combine(folder, ModelFiles.Onnx);
    }
}
