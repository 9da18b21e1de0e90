using Digits.Core.Metrics;
using Digits.Core.Models;
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

    /// <summary>
    /// Label smoothing teaches a model to answer about 0.9 when it is sure; a temperature fitted on the validation
    /// set (and put into the model) undoes that. The seeds' recipes keep the plain softmax their documents specify.
    /// </summary>
    /// <returns>The temperature put into the model, or null when the recipe does not calibrate.</returns>
    public static double? CalibrateIfSmoothed(nn.Module<Tensor, Tensor> model, TrainingOptions options, TensorSet validation)
    {
        if (options.LabelSmoothing == 0 || options.Split == SplitMethod.TestAsValidation) return null;
        var temperature = Fit(model, validation);
        Apply(model, temperature);
        return temperature;
    }

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
