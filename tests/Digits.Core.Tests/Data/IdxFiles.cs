using System.Buffers.Binary;
using System.IO.Compression;

namespace Digits.Core.Tests.Data;

/// <summary>Builds small IDX files, well-formed or deliberately broken.</summary>
public static class IdxFiles
{
    public static byte[] Images(int count, int rows, int columns, int? bodyBytes = null, uint magic = 0x00000803)
    {
        var header = new byte[16];
        BinaryPrimitives.WriteUInt32BigEndian(header, magic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), columns);
        var body = Enumerable.Range(0, bodyBytes ?? count * rows * columns).Select(i => (byte)(i % 256)).ToArray();
        return [.. header, .. body];
    }

    public static byte[] Labels(params byte[] labels)
    {
        var header = new byte[8];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x00000801);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), labels.Length);
        return [.. header, .. labels];
    }

    public static byte[] Gzip(byte[] bytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest)) gzip.Write(bytes);
        return output.ToArray();
    }
}
