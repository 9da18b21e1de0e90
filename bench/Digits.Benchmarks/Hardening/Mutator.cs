using System.Text;

namespace Digits.Benchmarks.Hardening;

/// <summary>
/// Damages inputs the way a fuzzer does: flipped bits, overwritten and inserted runs, truncation, and a declared size
/// made huge where each format keeps it, so decoders meet both noise and lies.
/// </summary>
public sealed class Mutator(Random random)
{
    private static readonly byte[] Interesting = [0x00, 0x01, 0x7F, 0x80, 0xFE, 0xFF];

    public byte[] Mutate(byte[] input)
    {
        var bytes = new List<byte>(input);
        var rounds = 1 + random.Next(4);
        for (var round = 0; round < rounds; round++)
        {
            if (bytes.Count == 0) bytes.Add((byte)random.Next(256));
            switch (random.Next(7))
            {
                case 0:
                    for (var flips = 1 + random.Next(8); flips > 0; flips--)
                        bytes[random.Next(bytes.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1:
                    bytes[random.Next(bytes.Count)] = Interesting[random.Next(Interesting.Length)];
                    break;
                case 2:
                    bytes = bytes.Take(random.Next(bytes.Count + 1)).ToList();
                    break;
                case 3:
                    var from = random.Next(bytes.Count);
                    var run = bytes.Skip(from).Take(1 + random.Next(64)).ToArray();
                    bytes.InsertRange(random.Next(bytes.Count + 1), run);
                    break;
                case 4:
                    var noise = new byte[1 + random.Next(32)];
                    random.NextBytes(noise);
                    bytes.InsertRange(random.Next(bytes.Count + 1), noise);
                    break;
                case 5:
                    // A size field near the start (width and height of PNG, BMP, GIF, WebP live in the first 30 bytes).
                    var at = random.Next(Math.Min(bytes.Count, 32));
                    for (var i = at; i < Math.Min(bytes.Count, at + 4); i++) bytes[i] = 0xFF;
                    break;
                default:
                    var start = random.Next(bytes.Count);
                    for (var i = start; i < Math.Min(bytes.Count, start + 1 + random.Next(16)); i++) bytes[i] = (byte)random.Next(256);
                    break;
            }
        }
        return bytes.ToArray();
    }

    /// <summary>A JSON body damaged as text: characters dropped, repeated or replaced, and values swapped for odd ones.</summary>
    public string MutateJson(string json)
    {
        var text = new StringBuilder(json);
        string[] oddValues = ["null", "-1", "1e308", "NaN", "\"x\"", "[]", "{}", "true", new string('[', 5000), "0.5", "99999999999999999999"];
        for (var rounds = 1 + random.Next(3); rounds > 0 && text.Length > 0; rounds--)
        {
            var at = random.Next(text.Length);
            switch (random.Next(4))
            {
                case 0: text.Remove(at, Math.Min(text.Length - at, 1 + random.Next(8))); break;
                case 1: text.Insert(at, oddValues[random.Next(oddValues.Length)]); break;
                case 2: text[at] = "{}[],:\"0-.e"[random.Next(11)]; break;
                default: text.Insert(at, text.ToString(at, Math.Min(text.Length - at, 1 + random.Next(40)))); break;
            }
        }
        return text.ToString();
    }
}
