using System.Globalization;
using System.IO.Compression;

namespace Digits.Core.Data;

/// <summary>
/// Reads scikit-learn's 8x8 digits: one sample per line, 64 pixel values in 0..16, then the label.
/// </summary>
public static class Digits8x8CsvReader
{
    public const int Side = 8;
    public const int FeatureCount = Side * Side;
    public const int MaxValue = 16;

    public static LabeledImages Read(string path)
    {
        if (!File.Exists(path))
            throw new FileNotFoundException($"{path}: no such file.", path);
        using var file = File.OpenRead(path);
        var isGzip = file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        using Stream stream = isGzip ? new GZipStream(file, CompressionMode.Decompress) : file;
        using var reader = new StreamReader(stream);

        var pixels = new List<byte>();
        var labels = new List<byte>();
        var lineNumber = 0;
        try
        {
            while (reader.ReadLine() is { } line)
            {
                lineNumber++;
                if (string.IsNullOrWhiteSpace(line)) continue;
                var fields = line.Split(',');
                if (fields.Length != FeatureCount + 1)
                    throw new DataFormatException(path,
                        $"line {lineNumber} has {fields.Length} values; expected {FeatureCount} pixels and a label.");
                for (var i = 0; i <= FeatureCount; i++)
                {
                    var limit = i < FeatureCount ? MaxValue : 9;
                    if (!double.TryParse(fields[i], NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                        || value < 0 || value > limit || value != Math.Floor(value))
                        throw new DataFormatException(path,
                            $"line {lineNumber}, value {i + 1} is '{fields[i].Trim()}'; expected an integer in 0..{limit}.");
                    (i < FeatureCount ? pixels : labels).Add((byte)value);
                }
            }
        }
        catch (InvalidDataException e)
        {
            throw new DataFormatException(path, $"is a damaged gzip stream ({e.Message}).");
        }
        if (labels.Count == 0)
            throw new DataFormatException(path, "holds no samples.");
        return new LabeledImages(pixels.ToArray(), labels.ToArray(), Side, Side, MaxValue);
    }
}
