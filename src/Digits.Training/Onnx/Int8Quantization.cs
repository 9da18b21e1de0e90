namespace Digits.Training.Onnx;

/// <summary>
/// Static int8 quantization in ONNX's QDQ form: activations as uint8 with a scale and zero point from their
/// calibrated range, weights as int8 with one symmetric scale per output channel, biases as int32 at the
/// product of the two scales. ONNX Runtime fuses each DequantizeLinear -> Conv/Gemm -> QuantizeLinear unit into
/// an integer kernel (QLinearConv, QGemm).
/// </summary>
public static class Int8Quantization
{
    private const float ByteLevels = 255f;
    private const float WeightLevels = 127f;

    /// <summary>Inserts QuantizeLinear -> DequantizeLinear on a tensor; returns the dequantized name and its scale.</summary>
    public static (string Output, float Scale) QuantizeActivation(OnnxGraph graph, string input, (float Min, float Max) range)
    {
        var (min, _, scale) = Levels(range);
        var zeroPoint = (byte)Math.Clamp(Math.Round(-min / scale), 0, 255);
        var scaleName = graph.Initializer($"{input}.q_scale", new[] { scale });
        var zeroName = graph.Initializer($"{input}.q_zero_point", new[] { zeroPoint });
        var quantized = graph.Node("QuantizeLinear", [input, scaleName, zeroName], $"{input}.quantized");
        return (graph.Node("DequantizeLinear", [quantized, scaleName, zeroName], $"{input}.dequantized"), scale);
    }

    /// <summary>
    /// Quantizes the output of leading float layers that end in pooling. ONNX Runtime would move a QuantizeLinear
    /// that follows MaxPool above it and then pool bytes in NCHW layout, ten times slower than pooling floats; a Clip
    /// half a step inside the quantization range sits between them and stays, as it is not redundant.
    /// </summary>
    public static (string Output, float Scale) QuantizeFloatOutput(OnnxGraph graph, string input, (float Min, float Max) range)
    {
        var (min, max, scale) = Levels(range);
        var clipped = graph.Node("Clip",
            [input, graph.Initializer($"{input}.clip_min", new[] { min }), graph.Initializer($"{input}.clip_max", new[] { max - scale / 2 })],
            $"{input}.clipped");
        return QuantizeActivation(graph, clipped, range);
    }

    private static (float Min, float Max, float Scale) Levels((float Min, float Max) range)
    {
        var min = Math.Min(0, range.Min);
        var max = Math.Max(0, range.Max);
        return (min, max, Math.Max(max - min, 1e-6f) / ByteLevels);
    }

    /// <summary>Weights of shape [out, ...] as int8 with one scale per output channel, dequantized in the graph.</summary>
    public static (string Output, float[] Scales) QuantizeWeights(OnnxGraph graph, string name, float[] weights, long[] shape)
    {
        var channels = (int)shape[0];
        var perChannel = weights.Length / channels;
        var scales = new float[channels];
        var quantized = new sbyte[weights.Length];
        for (var c = 0; c < channels; c++)
        {
            var span = weights.AsSpan(c * perChannel, perChannel);
            var largest = 0f;
            foreach (var w in span) largest = Math.Max(largest, Math.Abs(w));
            scales[c] = Math.Max(largest, 1e-8f) / WeightLevels;
            for (var i = 0; i < perChannel; i++)
                quantized[c * perChannel + i] = (sbyte)Math.Clamp(Math.Round(span[i] / scales[c]), -WeightLevels, WeightLevels);
        }
        var output = graph.Node("DequantizeLinear",
            [graph.Initializer($"{name}.int8", quantized, shape), graph.Initializer($"{name}.scale", scales, channels),
             graph.Initializer($"{name}.zero_point", new sbyte[channels], channels)],
            $"{name}.dequantized", OnnxAttribute.Of("axis", 0L));
        return (output, scales);
    }

    /// <summary>Biases as int32 at scale input_scale x weight_scale[c], the form integer kernels accumulate in.</summary>
    public static string QuantizeBias(OnnxGraph graph, string name, float[] bias, float inputScale, float[] weightScales)
    {
        var scales = weightScales.Select(s => s * inputScale).ToArray();
        var quantized = bias.Select((b, c) => (int)Math.Round(b / scales[c])).ToArray();
        return graph.Node("DequantizeLinear",
            [graph.Initializer($"{name}.int32", quantized, bias.Length), graph.Initializer($"{name}.scale", scales, bias.Length),
             graph.Initializer($"{name}.zero_point", new int[bias.Length], bias.Length)],
            $"{name}.dequantized", OnnxAttribute.Of("axis", 0L));
    }
}
