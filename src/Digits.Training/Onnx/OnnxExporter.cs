using Digits.Core.Models;
using Digits.Training.Architectures;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Digits.Training.Onnx;

/// <summary>
/// Exports a trained sequential model to ONNX: dropout is dropped (inference), a batch norm straight after a
/// convolution is folded into its weights and bias, any other batch norm becomes BatchNormalization with its
/// running statistics, input scaling stays a Mul node, and Softmax ends the graph so that the file returns
/// probabilities. Given calibrated activation ranges, the graph is quantized to int8
/// (see <see cref="Int8Quantization"/>): a Q/DQ pair after every layer except a Conv or Gemm whose ReLU follows,
/// so that each Conv/Gemm + ReLU forms one integer unit; a first convolution over one channel stays float, and
/// convolution outputs are flattened channel-last (both for ONNX Runtime's integer kernels). An ensemble becomes one graph: its members side by side on
/// the same input, their probabilities averaged by a Mean node. Shift views become a fixed convolution that stacks
/// the views along the batch, and a mean over the views at the end.
/// </summary>
public static class OnnxExporter
{
    public const string InputName = "input";

    public static byte[] Export(nn.Module<Tensor, Tensor> model, ModelInput input, string graphName,
        IReadOnlyDictionary<string, string>? metadata = null, ActivationRanges? int8 = null)
    {
        var graph = new OnnxGraph(graphName);
        graph.Input(InputName, [-1, .. input.Shape.Select(d => (long)d)]);
        var views = model as ShiftViews;
        var inner = views?.Model ?? model;
        var images = views is null ? InputName : EmitViews(graph, input);
        var outputs = OutputCount(inner);
        var last = outputs == Shapes.Classes ? ModelOutputs.Probabilities : "all_probabilities";
        var probabilities = views is null ? last : "view_probabilities";
        var output = inner is Ensemble ensemble
            ? EnsembleProbabilities(graph, ensemble, images, int8, probabilities)
            : Probabilities(graph, inner, "", images, int8, probabilities);
        if (views is not null) output = AverageViews(graph, output, outputs, last);
        if (outputs == Shapes.Classes) graph.Output(output, [-1, Shapes.Classes]);
        else SplitNotOneDigit(graph, output);
        foreach (var (key, value) in metadata ?? new Dictionary<string, string>()) graph.Metadata(key, value);
        return graph.ToBytes("digits");
    }

    /// <summary>What <see cref="ShiftViews.Views"/> computes: N x 1 x H x W images as (5 x N) x 1 x H x W, view after view.</summary>
    private static string EmitViews(OnnxGraph graph, ModelInput input)
    {
        var kernels = graph.Initializer("views.kernels", ShiftViews.Kernels, ShiftViews.Count, 1, 3, 3);
        var shifted = graph.Node("Conv", [InputName, kernels], "views.shifted",
            OnnxAttribute.Of("kernel_shape", [3L, 3]), OnnxAttribute.Of("pads", [1L, 1, 1, 1]));
        var viewMajor = graph.Node("Transpose", [shifted], "views.view_major", OnnxAttribute.Of("perm", [1L, 0, 2, 3]));
        var shape = graph.Initializer("views.shape", [-1L, 1, input.Shape[1], input.Shape[2]], 4);
        return graph.Node("Reshape", [viewMajor, shape], "views");
    }

    private static string AverageViews(OnnxGraph graph, string probabilities, int outputs, string output)
    {
        var shape = graph.Initializer("views.probabilities_shape", [ShiftViews.Count, -1L, outputs], 3);
        var byView = graph.Node("Reshape", [probabilities, shape], "probabilities_by_view");
        return graph.Node("ReduceMean", [byView], output, OnnxAttribute.Of("axes", [0L]), OnnxAttribute.Of("keepdims", 0L));
    }

    /// <summary>
    /// A network that also answers "not one digit" returns it on its own, and the digits' probabilities given that
    /// the input is one digit (they sum to 1, as every other model's do).
    /// </summary>
    private static void SplitNotOneDigit(OnnxGraph graph, string all)
    {
        var axis = graph.Initializer("split.axis", [1L], 1);
        var digits = graph.Node("Slice", [all, graph.Initializer("split.digits_start", [0L], 1), graph.Initializer("split.digits_end", [(long)Shapes.Classes], 1), axis], "digit_probabilities");
        var notOne = graph.Node("Slice", [all, graph.Initializer("split.not_start", [(long)Shapes.NotOneDigit], 1), graph.Initializer("split.not_end", [Shapes.NotOneDigit + 1L], 1), axis], ModelOutputs.NotOneDigit);
        var oneDigit = graph.Node("Sub", [graph.Initializer("split.one", [1f]), notOne], "one_digit");
        graph.Node("Div", [digits, graph.Node("Max", [oneDigit, graph.Initializer("split.least", [1e-6f])], "one_digit_floor")], ModelOutputs.Probabilities);
        graph.Output(ModelOutputs.Probabilities, [-1, Shapes.Classes]);
        graph.Output(ModelOutputs.NotOneDigit, [-1, 1]);
    }

    /// <summary>How many answers the network (or an ensemble's first member) gives: its last linear layer's outputs.</summary>
    private static int OutputCount(nn.Module<Tensor, Tensor> model) =>
        (int)Layers(model is Ensemble ensemble ? ensemble.Members[0] : model).Select(l => l.Layer).OfType<Linear>().Last().weight!.shape[0];

    private static string EnsembleProbabilities(OnnxGraph graph, Ensemble ensemble, string input, ActivationRanges? int8, string output)
    {
        var members = ensemble.Members.Select((member, i) => Probabilities(graph, member, $"member{i}.", input, int8)).ToArray();
        if (ensemble.Temperature == 1) return graph.Node("Mean", members, output);
        var logMean = graph.Node("Log", [graph.Node("Mean", members, "mean_probabilities")], "log_mean_probabilities");
        var scaled = graph.Node("Mul", [logMean, graph.Initializer("temperature.factor", [(float)(1 / ensemble.Temperature)])], "calibrated");
        return graph.Node("Softmax", [scaled], output, OnnxAttribute.Of("axis", 1L));
    }

    private static string Probabilities(OnnxGraph graph, nn.Module<Tensor, Tensor> model, string prefix, string input, ActivationRanges? int8,
        string? output = null)
    {
        var layers = Layers(model).Where(l => l.Layer is not (Dropout or Dropout2d)).ToArray();
        var current = input;
        var floatLayers = int8 is null ? layers.Length : FloatPrefixLength(layers);
        float? scale = null;
        long? convolvedChannels = null, channelsLastColumns = null;
        if (int8 is not null && floatLayers == 0) (current, scale) = Int8Quantization.QuantizeActivation(graph, current, int8.InputRange);
        for (var i = 0; i < layers.Length; i++)
        {
            var (name, layer) = layers[i];
            var inputScale = scale;
            if (layer is Conv2d conv && i + 1 < layers.Length && layers[i + 1].Layer is BatchNorm2d norm)
            {
                current = EmitConv(graph, prefix + name, conv, BatchNormFolding.Fold(conv, norm), current, inputScale);
                name = layers[++i].Name;
            }
            else if (int8 is not null && layer is Flatten && convolvedChannels is { } channels)
            {
                var channelsLast = graph.Node("Transpose", [current], $"{prefix}{name}.nhwc", OnnxAttribute.Of("perm", [0L, 2, 3, 1]));
                current = Emit(graph, prefix + name, layer, channelsLast, inputScale);
                channelsLastColumns = channels;
            }
            else if (layer is Linear linear && channelsLastColumns is { } columnChannels)
            {
                current = EmitLinear(graph, prefix + name, ChannelsLast(Values(linear.weight), linear.weight.shape, columnChannels), linear, current, inputScale);
                channelsLastColumns = null;
            }
            else
            {
                current = Emit(graph, prefix + name, layer, current, inputScale);
            }
            if (layer is Conv2d convolution) convolvedChannels = convolution.out_channels;
            var fusesWithReLU = layers[i].Layer is Conv2d or Linear or BatchNorm2d && i + 1 < layers.Length && layers[i + 1].Layer is ReLU;
            if (int8 is null || i + 1 < floatLayers) continue;
            if (scale is null) (current, scale) = Int8Quantization.QuantizeFloatOutput(graph, current, int8[prefix + name]);
            else if (!fusesWithReLU) (current, scale) = Int8Quantization.QuantizeActivation(graph, current, int8[prefix + name]);
        }
        return graph.Node("Softmax", [current], output ?? $"{prefix}probabilities", OnnxAttribute.Of("axis", 1L));
    }

    /// <summary>
    /// How many leading layers an int8 graph keeps in float: a first convolution over a single channel, with its
    /// batch norm, ReLU and pooling. Its dot products are only kernel-size long, too short for integer kernels
    /// (ONNX Runtime ran it 4x slower than float), and pooling first quarters the tensor to quantize.
    /// </summary>
    private static int FloatPrefixLength((string Name, nn.Module Layer)[] layers)
    {
        var first = Array.FindIndex(layers, l => l.Layer is Conv2d);
        if (first < 0 || ((Conv2d)layers[first].Layer).in_channels != 1) return 0;
        var end = first + 1;
        while (end < layers.Length && layers[end].Layer is BatchNorm2d or ReLU or MaxPool2d) end++;
        return end;
    }

    private static IEnumerable<(string Name, nn.Module Layer)> Layers(nn.Module<Tensor, Tensor> model) =>
        model is Sequential sequential
            ? sequential.named_children().Select(c => (c.name, c.module))
            : throw new NotSupportedException($"Only sequential models can be exported, not {model.GetType().Name}.");

    /// <param name="inputScale">The scale of the quantized input, or null for a float graph.</param>
    private static string Emit(OnnxGraph graph, string name, nn.Module layer, string input, float? inputScale)
    {
        switch (layer)
        {
            case Conv2d conv:
                return EmitConv(graph, name, conv, (Values(conv.weight), conv.bias is null ? null : Values(conv.bias)), input, inputScale);
            case Linear linear:
                return EmitLinear(graph, name, Values(linear.weight), linear, input, inputScale);
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
            case AdaptiveAvgPool2d pool when pool.output_size.All(side => side == 1):
                return graph.Node("GlobalAveragePool", [input], name);
            case Flatten:
                return graph.Node("Flatten", [input], name, OnnxAttribute.Of("axis", 1L));
            case Scale scaling:
                return graph.Node("Mul", [input, graph.Initializer($"{name}.factor", [scaling.Factor])], name);
            default:
                throw new NotSupportedException($"{name}: layer {layer.GetType().Name} has no ONNX mapping.");
        }
    }

    private static string EmitLinear(OnnxGraph graph, string name, float[] weight, Linear linear, string input, float? inputScale) =>
        graph.Node("Gemm", [input, .. WeightAndBias(graph, name, weight, linear.weight.shape, linear.bias is null ? null : Values(linear.bias), inputScale)],
            name, OnnxAttribute.Of("transB", 1L));

    /// <summary>
    /// Reorders a dense layer's input columns from channel-major (C, H, W) to channel-last (H, W, C) flattening.
    /// An int8 graph flattens convolution outputs channel-last because ONNX Runtime runs integer convolutions in
    /// that layout: its transpose back to channel-major then cancels against ours instead of copying every tensor.
    /// </summary>
    private static float[] ChannelsLast(float[] weight, long[] shape, long channels)
    {
        var (outputs, columns) = ((int)shape[0], (int)shape[1]);
        var positions = columns / (int)channels;
        var reordered = new float[weight.Length];
        for (var o = 0; o < outputs; o++)
        for (var c = 0; c < channels; c++)
        for (var p = 0; p < positions; p++)
            reordered[o * columns + p * channels + c] = weight[o * columns + c * positions + p];
        return reordered;
    }

    private static string EmitConv(OnnxGraph graph, string name, Conv2d conv, (float[] Weight, float[]? Bias) values, string input, float? inputScale)
    {
        var pads = conv.padding ?? throw new NotSupportedException($"{name}: padding modes are not exported.");
        return graph.Node("Conv", [input, .. WeightAndBias(graph, name, values.Weight, conv.weight.shape, values.Bias, inputScale)],
            name,
            OnnxAttribute.Of("kernel_shape", conv.kernel_size),
            OnnxAttribute.Of("strides", conv.stride),
            OnnxAttribute.Of("dilations", conv.dilation),
            OnnxAttribute.Of("group", conv.groups),
            OnnxAttribute.Of("pads", [.. pads, .. pads]));
    }

    private static string[] WeightAndBias(OnnxGraph graph, string name, float[] weight, long[] shape, float[]? bias, float? inputScale)
    {
        if (inputScale is not { } scale)
            return [graph.Initializer($"{name}.weight", weight, shape),
                .. bias is null ? Array.Empty<string>() : [graph.Initializer($"{name}.bias", bias, bias.Length)]];
        var (weights, weightScales) = Int8Quantization.QuantizeWeights(graph, $"{name}.weight", weight, shape);
        return [weights, .. bias is null ? Array.Empty<string>() : [Int8Quantization.QuantizeBias(graph, $"{name}.bias", bias, scale, weightScales)]];
    }

    internal static float[] Values(Tensor tensor) => tensor.detach().contiguous().data<float>().ToArray();
}
