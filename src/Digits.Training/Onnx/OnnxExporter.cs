using Digits.Core.Models;
using Digits.Training.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training.Onnx;

/// <summary>
/// Exports a trained sequential model to ONNX: dropout is dropped (inference), batch norm becomes
/// BatchNormalization with its running statistics, input scaling stays a Mul node, and Softmax ends the graph
/// so that the file returns probabilities.
/// </summary>
public static class OnnxExporter
{
    public const string InputName = "input";
    public const string OutputName = "probabilities";

    public static byte[] Export(nn.Module<Tensor, Tensor> model, ModelInput input, string graphName, IReadOnlyDictionary<string, string>? metadata = null)
    {
        var graph = new OnnxGraph(graphName);
        graph.Input(InputName, [-1, .. input.Shape.Select(d => (long)d)]);
        var current = InputName;
        foreach (var (name, layer) in Layers(model))
            current = Emit(graph, name, layer, current);
        graph.Output(graph.Node("Softmax", [current], OutputName, OnnxAttribute.Of("axis", 1L)), [-1, Shapes.Classes]);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) graph.Metadata(key, value);
        return graph.ToBytes("digits");
    }

    private static IEnumerable<(string Name, nn.Module Layer)> Layers(nn.Module<Tensor, Tensor> model) =>
        model is Sequential sequential
            ? sequential.named_children().Select(c => (c.name, c.module))
            : throw new NotSupportedException($"Only sequential models can be exported, not {model.GetType().Name}.");

    private static string Emit(OnnxGraph graph, string name, nn.Module layer, string input)
    {
        switch (layer)
        {
            case Conv2d conv:
                var pads = conv.padding ?? throw new NotSupportedException($"{name}: padding modes are not exported.");
                return graph.Node("Conv",
                    [input, graph.Initializer($"{name}.weight", Values(conv.weight), conv.weight.shape),
                        .. conv.bias is null ? Array.Empty<string>() : [graph.Initializer($"{name}.bias", Values(conv.bias), conv.bias.shape)]],
                    name,
                    OnnxAttribute.Of("kernel_shape", conv.kernel_size),
                    OnnxAttribute.Of("strides", conv.stride),
                    OnnxAttribute.Of("dilations", conv.dilation),
                    OnnxAttribute.Of("group", conv.groups),
                    OnnxAttribute.Of("pads", [.. pads, .. pads]));
            case Linear linear:
                return graph.Node("Gemm",
                    [input, graph.Initializer($"{name}.weight", Values(linear.weight), linear.weight.shape),
                        graph.Initializer($"{name}.bias", Values(linear.bias!), linear.bias!.shape)],
                    name, OnnxAttribute.Of("transB", 1L));
            case BatchNorm norm:
                Tensor scale = norm.weight!, shift = norm.bias!, mean = norm.running_mean!, variance = norm.running_var!;
                return graph.Node("BatchNormalization",
                    [input,
                        graph.Initializer($"{name}.weight", Values(scale), scale.shape),
                        graph.Initializer($"{name}.bias", Values(shift), shift.shape),
                        graph.Initializer($"{name}.running_mean", Values(mean), mean.shape),
                        graph.Initializer($"{name}.running_var", Values(variance), variance.shape)],
                    name, OnnxAttribute.Of("epsilon", (float)norm.eps));
            case ReLU:
                return graph.Node("Relu", [input], name);
            case MaxPool2d pool:
                return graph.Node("MaxPool", [input], name,
                    OnnxAttribute.Of("kernel_shape", pool.kernel_size), OnnxAttribute.Of("strides", pool.stride ?? pool.kernel_size));
            case Flatten:
                return graph.Node("Flatten", [input], name, OnnxAttribute.Of("axis", 1L));
            case Dropout or Dropout2d:
                return input;
            case Scale scaling:
                return graph.Node("Mul", [input, graph.Initializer($"{name}.factor", [scaling.Factor])], name);
            default:
                throw new NotSupportedException($"{name}: layer {layer.GetType().Name} has no ONNX mapping.");
        }
    }

    private static float[] Values(Tensor tensor) => tensor.detach().contiguous().data<float>().ToArray();
}
