using Digits.Core.Metrics;
using Digits.Training.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training;

/// <summary>
/// Fits a temperature on validation data and puts it into the model itself (a last Scale layer, or the
/// ensemble's own temperature), so that TorchSharp's probabilities and the exported ONNX graph both carry it.
/// </summary>
public static class ModelCalibration
{
    public const string LayerName = "temperature";

    public static double Fit(nn.Module<Tensor, Tensor> model, TensorSet validation) =>
        TemperatureScaling.Fit(Inference.Probabilities(model, validation.Inputs), validation.Images.Labels, Shapes.Classes);

    public static void Apply(nn.Module<Tensor, Tensor> model, double temperature)
    {
        switch (model)
        {
            case Ensemble ensemble:
                ensemble.Temperature = temperature;
                break;
            case Sequential sequential:
                sequential.append(LayerName, new Scale((float)(1 / temperature)));
                break;
            default:
                throw new NotSupportedException($"Cannot calibrate a {model.GetType().Name}.");
        }
    }
}
