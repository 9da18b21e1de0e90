using System.Buffers.Binary;

namespace Digits.Tests.Shared;

/// <summary>A valid PNG signature and header chunk announcing any size, with no pixel data behind it.</summary>
public static class PngHeader
{
    public static byte[] Announcing(int width, int height)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = 8;
        byte[] chunk = [.. "IHDR"u8, .. header];
        var length = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, header.Length);
        var crc = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(crc, Crc32(chunk));
        return [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, .. length, .. chunk, .. crc];
    }

    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++) crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
        }
        return ~crc;
    }
}
