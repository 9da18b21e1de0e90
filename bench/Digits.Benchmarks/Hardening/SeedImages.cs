using SkiaSharp;

namespace Digits.Benchmarks.Hardening;

/// <summary>One MNIST digit in every format the server reads: what the fuzzer mutates.</summary>
public static class SeedImages
{
    public static IReadOnlyList<(string Format, byte[] Bytes)> All()
    {
        var gray = BenchmarkInputs.TestImages(1).Select(v => (byte)(255 - v * 255)).ToArray();
        using var bitmap = new SKBitmap(new SKImageInfo(28, 28, SKColorType.Gray8, SKAlphaType.Opaque));
        for (var i = 0; i < gray.Length; i++) bitmap.SetPixel(i % 28, i / 28, new SKColor(gray[i], gray[i], gray[i]));
        byte[] Encode(SKEncodedImageFormat format)
        {
            using var data = bitmap.Encode(format, 90);
            return data.ToArray();
        }
        return
        [
            ("PNG", Encode(SKEncodedImageFormat.Png)),
            ("JPEG", Encode(SKEncodedImageFormat.Jpeg)),
            ("WebP", Encode(SKEncodedImageFormat.Webp)),
            ("BMP", Bmp(gray, 28)),
            ("GIF", Gif(gray, 28)),
        ];
    }

    /// <summary>A 24-bit bottom-up BMP (Skia encodes none).</summary>
    private static byte[] Bmp(byte[] gray, int side)
    {
        var rowBytes = (side * 3 + 3) & ~3;
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("BM"u8);
        writer.Write(54 + rowBytes * side);
        writer.Write(0);
        writer.Write(54);
        writer.Write(40);
        writer.Write(side);
        writer.Write(side);
        writer.Write((short)1);
        writer.Write((short)24);
        writer.Write(new byte[24]);
        for (var y = side - 1; y >= 0; y--)
        {
            for (var x = 0; x < side; x++) writer.Write([gray[y * side + x], gray[y * side + x], gray[y * side + x]]);
            writer.Write(new byte[rowBytes - side * 3]);
        }
        return stream.ToArray();
    }

    /// <summary>
    /// A GIF with a grey palette (Skia encodes none). Its LZW stream holds only literal codes, with a clear code every
    /// 254 of them so the code size stays 9 bits: valid, and simple to write.
    /// </summary>
    private static byte[] Gif(byte[] gray, int side)
    {
        using var stream = new MemoryStream();
        using var writer = new BinaryWriter(stream);
        writer.Write("GIF89a"u8);
        writer.Write((short)side);
        writer.Write((short)side);
        writer.Write([0xF7, 0, 0]);
        for (var level = 0; level < 256; level++) writer.Write([(byte)level, (byte)level, (byte)level]);
        writer.Write((byte)',');
        writer.Write(0);
        writer.Write((short)side);
        writer.Write((short)side);
        writer.Write((byte)0);
        writer.Write((byte)8);
        var codes = new List<int>();
        for (var i = 0; i < gray.Length; i++)
        {
            if (i % 254 == 0) codes.Add(256);
            codes.Add(gray[i]);
        }
        codes.Add(257);
        var packed = new List<byte>();
        long buffer = 0;
        var bits = 0;
        foreach (var code in codes)
        {
            buffer |= (long)code << bits;
            for (bits += 9; bits >= 8; bits -= 8, buffer >>= 8) packed.Add((byte)buffer);
        }
        if (bits > 0) packed.Add((byte)buffer);
        foreach (var block in packed.Chunk(255))
        {
            writer.Write((byte)block.Length);
            writer.Write(block);
        }
        writer.Write((byte)0);
        writer.Write((byte)';');
        return stream.ToArray();
    }
}
