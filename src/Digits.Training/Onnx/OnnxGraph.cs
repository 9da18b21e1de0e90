using System.Runtime.InteropServices;

namespace Digits.Training.Onnx;

/// <summary>An attribute of an ONNX node: an int, a float or a list of ints.</summary>
public sealed record OnnxAttribute(string Name, long? Int = null, float? Float = null, long[]? Ints = null)
{
    public static OnnxAttribute Of(string name, long value) => new(name, Int: value);
    public static OnnxAttribute Of(string name, float value) => new(name, Float: value);
    public static OnnxAttribute Of(string name, params long[] values) => new(name, Ints: values);
}

/// <summary>
/// Builds an ONNX model (opset 13, IR version 7) in memory and serializes it with the field numbers of onnx.proto.
/// </summary>
public sealed class OnnxGraph(string name)
{
    public const int Opset = 13;
    private const long IrVersion = 7;
    private const int FloatType = 1;
    private const int Int8Type = 3;
    private const int Int32Type = 6;
    private const int Int64Type = 7;
    private const int UInt8Type = 2;

    private readonly List<ProtoWriter> _nodes = [];
    private readonly List<ProtoWriter> _initializers = [];
    private readonly List<ProtoWriter> _inputs = [];
    private readonly List<ProtoWriter> _outputs = [];
    private readonly Dictionary<string, string> _metadata = [];
    private int _nodeCount;

    public void Input(string tensorName, long[] dimensions) => _inputs.Add(ValueInfo(tensorName, dimensions));

    public void Output(string tensorName, long[] dimensions) => _outputs.Add(ValueInfo(tensorName, dimensions));

    public string Initializer(string tensorName, float[] values, params long[] dimensions) =>
        AddInitializer(tensorName, FloatType, MemoryMarshal.AsBytes(values.AsSpan()), dimensions);

    public string Initializer(string tensorName, sbyte[] values, params long[] dimensions) =>
        AddInitializer(tensorName, Int8Type, MemoryMarshal.AsBytes(values.AsSpan()), dimensions);

    public string Initializer(string tensorName, byte[] values, params long[] dimensions) =>
        AddInitializer(tensorName, UInt8Type, values, dimensions);

    public string Initializer(string tensorName, int[] values, params long[] dimensions) =>
        AddInitializer(tensorName, Int32Type, MemoryMarshal.AsBytes(values.AsSpan()), dimensions);

    public string Initializer(string tensorName, long[] values, params long[] dimensions) =>
        AddInitializer(tensorName, Int64Type, MemoryMarshal.AsBytes(values.AsSpan()), dimensions);

    /// <returns>The name of the node's (single) output.</returns>
    public string Node(string opType, string[] inputs, string output, params OnnxAttribute[] attributes)
    {
        var node = new ProtoWriter()
            .Strings(1, inputs)
            .String(2, output)
            .String(3, $"{opType}_{_nodeCount++}")
            .String(4, opType)
            .Messages(5, attributes.Select(Attribute));
        _nodes.Add(node);
        return output;
    }

    public void Metadata(string key, string value) => _metadata[key] = value;

    public byte[] ToBytes(string producer)
    {
        var graph = new ProtoWriter()
            .Messages(1, _nodes)
            .String(2, name)
            .Messages(5, _initializers)
            .Messages(11, _inputs)
            .Messages(12, _outputs);
        return new ProtoWriter()
            .Int64(1, IrVersion)
            .String(2, producer)
            .String(3, "1")
            .Message(7, graph)
            .Message(8, new ProtoWriter().String(1, "").Int64(2, Opset))
            .Messages(14, _metadata.Select(p => new ProtoWriter().String(1, p.Key).String(2, p.Value)))
            .ToArray();
    }

    private string AddInitializer(string tensorName, int dataType, ReadOnlySpan<byte> raw, long[] dimensions)
    {
        _initializers.Add(new ProtoWriter().Int64s(1, dimensions).Int64(2, dataType).String(8, tensorName).Bytes(9, raw));
        return tensorName;
    }

    private static ProtoWriter Attribute(OnnxAttribute attribute)
    {
        var writer = new ProtoWriter().String(1, attribute.Name);
        const int floatKind = 1, intKind = 2, intsKind = 7;
        if (attribute.Float is { } f) return writer.Float(2, f).Int64(20, floatKind);
        if (attribute.Int is { } i) return writer.Int64(3, i).Int64(20, intKind);
        return writer.Int64s(8, attribute.Ints ?? []).Int64(20, intsKind);
    }

    /// <param name="dimensions">-1 marks the batch dimension, named N.</param>
    private static ProtoWriter ValueInfo(string tensorName, long[] dimensions)
    {
        var shape = new ProtoWriter().Messages(1, dimensions.Select(d =>
            d < 0 ? new ProtoWriter().String(2, "N") : new ProtoWriter().Int64(1, d)));
        var tensorType = new ProtoWriter().Int64(1, FloatType).Message(2, shape);
        return new ProtoWriter().String(1, tensorName).Message(2, new ProtoWriter().Message(1, tensorType));
    }
}
