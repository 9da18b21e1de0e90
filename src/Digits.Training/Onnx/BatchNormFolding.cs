using TorchSharp.Modules;

namespace Digits.Training.Onnx;

/// <summary>
/// Folds an inference-mode batch norm into the convolution before it: each output channel c is scaled by
/// gamma_c / sqrt(var_c + eps) and shifted, so the pair becomes one convolution (one integer unit in int8).
/// </summary>
public static class BatchNormFolding
{
    public static (float[] Weight, float[] Bias) Fold(Conv2d conv, BatchNorm2d norm)
    {
        var weight = OnnxExporter.Values(conv.weight);
        var gamma = OnnxExporter.Values(norm.weight!);
        var beta = OnnxExporter.Values(norm.bias!);
        var mean = OnnxExporter.Values(norm.running_mean!);
        var variance = OnnxExporter.Values(norm.running_var!);
        var bias = conv.bias is null ? new float[gamma.Length] : OnnxExporter.Values(conv.bias);
        var perChannel = weight.Length / gamma.Length;
        for (var c = 0; c < gamma.Length; c++)
        {
            var factor = gamma[c] / MathF.Sqrt(variance[c] + (float)norm.eps);
            for (var i = c * perChannel; i < (c + 1) * perChannel; i++) weight[i] *= factor;
            bias[c] = (bias[c] - mean[c]) * factor + beta[c];
        }
        return (weight, bias);
    }
}
