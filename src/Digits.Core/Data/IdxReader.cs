using System.Buffers.Binary;
using System.IO.Compression;

namespace Digits.Core.Data;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST, raw or gzip-compressed (detected by content).
/// </summary>
public static class IdxReader
{
    private const int UnsignedByteType = 0x08;
    private const int ImageDimensions = 3;
    private const int LabelDimensions = 1;

    public static LabeledImages ReadPair(string imagesPath, string labelsPath)
    {
        var (images, count, rows, columns) = ReadImages(imagesPath);
        var labels = ReadLabels(labelsPath);
        if (labels.Length != count)
            throw new DataFormatException(labelsPath,
                $"holds {labels.Length} labels but {Path.GetFileName(imagesPath)} holds {count} images.");
        foreach (var label in labels)
            if (label > 9)
                throw new DataFormatException(labelsPath, $"label {label} is outside 0..9.");
        return new LabeledImages(images, labels, rows, columns, 255);
    }

    public static (byte[] Pixels, int Count, int Rows, int Columns) ReadImages(string path)
    {
        var bytes = ReadAllBytes(path);
        var dims = ReadHeader(path, bytes, ImageDimensions);
        var (count, rows, columns) = (dims[0], dims[1], dims[2]);
        var headerLength = 4 + 4 * ImageDimensions;
        var expected = (long)count * rows * columns;
        CheckLength(path, bytes.Length - headerLength, expected, $"{count} images of {rows}x{columns}");
        return (bytes.AsSpan(headerLength).ToArray(), count, rows, columns);
    }

    public static byte[] ReadLabels(string path)
    {
        var bytes = ReadAllBytes(path);
        var count = ReadHeader(path, bytes, LabelDimensions)[0];
        var headerLength = 4 + 4 * LabelDimensions;
        CheckLength(path, bytes.Length - headerLength, count, $"{count} labels");
        return bytes.AsSpan(headerLength).ToArray();
    }

    private static int[] ReadHeader(string path, byte[] bytes, int expectedDimensions)
    {
        if (bytes.Length < 4)
            throw new DataFormatException(path, "is too short to be an IDX file (no magic number).");
        if (bytes[0] != 0 || bytes[1] != 0 || bytes[2] != UnsignedByteType || bytes[3] != expectedDimensions)
        {
            var magic = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            var expectedMagic = (uint)(UnsignedByteType << 8 | expectedDimensions);
            throw new DataFormatException(path,
                $"wrong magic number 0x{magic:X8}; an IDX file of unsigned bytes with {expectedDimensions} " +
                $"dimension(s) starts with 0x{expectedMagic:X8}.");
        }
        var headerLength = 4 + 4 * expectedDimensions;
        if (bytes.Length < headerLength)
            throw new DataFormatException(path, "is truncated inside its header.");
        var dims = new int[expectedDimensions];
        for (var i = 0; i < expectedDimensions; i++)
        {
            var value = BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(4 + 4 * i));
            if (value == 0 || value > int.MaxValue)
                throw new DataFormatException(path, $"dimension {i} has an impossible size {value}.");
            dims[i] = (int)value;
        }
        return dims;
    }

    private static void CheckLength(string path, long actual, long expected, string what)
    {
        if (actual < expected)
            throw new DataFormatException(path, $"is truncated: its header announces {what} ({expected} bytes) but only {actual} bytes follow.");
        if (actual > expected)
            throw new DataFormatException(path, $"has {actual - expected} bytes more than the {what} its header announces.");
    }

    private static byte[] ReadAllBytes(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file.", path);
        var raw = File.ReadAllBytes(path);
        if (raw.Length < 2 || raw[0] != 0x1f || raw[1] != 0x8b)
            return raw;
        try
        {
            using var gzip = new GZipStream(new MemoryStream(raw), CompressionMode.Decompress);
            using var output = new MemoryStream();
            gzip.CopyTo(output);
            return output.ToArray();
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"is a damaged gzip stream ({e.Message}).");
        }
    }
}
