using Digits.Core.Data;
using Digits.Core.Models;
using SkiaSharp;

namespace Digits.Imaging;

/// <summary>
/// The usual image-folder layout, DIR/LABEL/NAME.png: read into MNIST's form through the same preprocessing as
/// serving (photos, scans and exported model inputs alike), and written from MNIST-form images.
/// </summary>
public static class LabeledImageFolder
{
    private static readonly HashSet<string> Extensions = new([".png", ".jpg", ".jpeg", ".bmp", ".gif", ".webp"], StringComparer.OrdinalIgnoreCase);

    /// <summary>The images read, and the files left out with the reason (no ink, not an image).</summary>
    public sealed record Contents(LabeledImages Images, IReadOnlyList<string> Skipped);

    /// <param name="labels">The class names; each subfolder must be one of them.</param>
    /// <exception cref="DataFormatException">The folder holds no labelled images, or a subfolder is not a class.</exception>
    public static Contents Load(string folder, IReadOnlyList<string> labels)
    {
        if (!Directory.Exists(folder)) throw new DataFormatException(folder, "there is no such folder.");
        var pixels = new List<byte>();
        var classes = new List<byte>();
        var skipped = new List<string>();
        foreach (var subfolder in Directory.GetDirectories(folder).Order(StringComparer.Ordinal))
        {
            var label = labels.ToList().IndexOf(Path.GetFileName(subfolder));
            if (label < 0)
                throw new DataFormatException(subfolder, $"not a class; the subfolders of {folder} must be named {string.Join(", ", labels)}.");
            foreach (var file in Directory.GetFiles(subfolder).Where(f => Extensions.Contains(Path.GetExtension(f))).Order(StringComparer.Ordinal))
            {
                try
                {
                    pixels.AddRange(ModelInputEncoding.ToBytes(DigitPreprocessor.Process(ImageDecoder.Decode(File.ReadAllBytes(file)))));
                    classes.Add((byte)label);
                }
                catch (ImageRejectedException e)
                {
                    skipped.Add($"{file}: {e.Message}");
                }
            }
        }
        if (classes.Count == 0) throw new DataFormatException(folder, $"no images in subfolders named by class ({string.Join(", ", labels)}).");
        return new Contents(new LabeledImages(pixels.ToArray(), classes.ToArray(), ModelInputEncoding.MnistSide, ModelInputEncoding.MnistSide, byte.MaxValue),
            skipped);
    }

    /// <summary>Writes one MNIST-form image (white ink on black, 784 bytes) as DIR/LABEL/NAME.png, whole or not at all.</summary>
    public static string Write(string folder, string label, string name, ReadOnlySpan<byte> mnistPixels)
    {
        var side = ModelInputEncoding.MnistSide;
        using var bitmap = new SKBitmap(new SKImageInfo(side, side, SKColorType.Gray8, SKAlphaType.Opaque));
        mnistPixels.CopyTo(bitmap.GetPixelSpan());
        using var png = bitmap.Encode(SKEncodedImageFormat.Png, 100);
        var path = Path.Combine(Directory.CreateDirectory(Path.Combine(folder, label)).FullName, name + ".png");
        AtomicFile.Write(path, stream => png.SaveTo(stream));
        return path;
    }
}
