using Digits.Core.Models;
using System.Buffers.Binary;

namespace Digits.Imaging;

/// <summary>Recognizes the supported formats by their first bytes, for files too damaged or too large for the codec to open.</summary>
public static class ImageSignature
{
    public static string? Format(ReadOnlySpan<byte> bytes) => bytes switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "PNG",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "GIF",
        [(byte)'B', (byte)'M', ..] => "BMP",
        [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "WebP",
        _ => null,
    };

    /// <summary>The size a PNG header announces, read without decoding anything.</summary>
    public static (long Width, long Height)? PngSize(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= 24 && Format(bytes) == "PNG"
            ? (BinaryPrimitives.ReadUInt32BigEndian(bytes[16..]), BinaryPrimitives.ReadUInt32BigEndian(bytes[20..]))
            : null;
}
