using Digits.Training.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training.Onnx;

/// <summary>
/// The range of values each layer's output takes on calibration images: what static int8 quantization needs
/// to choose each activation's scale and zero point.
/// </summary>
public sealed class ActivationRanges
{
    private readonly Dictionary<string, (float Min, float Max)> _ranges = [];

    public (float Min, float Max) InputRange { get; private init; }

    public (float Min, float Max) this[string layer] => _ranges[layer];

    /// <param name="samples">Training images (never test images), as the model takes them.</param>
    /// <remarks>Layers are named as the exporter names them: an ensemble member's as "member{i}.{layer}".</remarks>
    public static ActivationRanges Measure(nn.Module<Tensor, Tensor> model, Tensor samples)
    {
        model.eval();
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var ranges = new ActivationRanges { InputRange = (samples.min().item<float>(), samples.max().item<float>()) };
        // Shift views are the same images moved by a pixel: their ranges are the images' own.
        if (model is ShiftViews views) model = views.Model;
        if (model is Ensemble ensemble)
            for (var i = 0; i < ensemble.Members.Count; i++) ranges.MeasureLayers(ensemble.Members[i], samples, $"member{i}.");
        else
            ranges.MeasureLayers(model, samples, "");
        return ranges;
    }

    private void MeasureLayers(nn.Module<Tensor, Tensor> model, Tensor samples, string prefix)
    {
        if (model is not Sequential sequential) throw new NotSupportedException("Only sequential models can be calibrated.");
        var current = samples;
        foreach (var (name, layer) in sequential.named_children())
        {
            current = ((nn.Module<Tensor, Tensor>)layer).forward(current);
            _ranges[prefix + name] = (current.min().item<float>(), current.max().item<float>());
        }
    }
}
