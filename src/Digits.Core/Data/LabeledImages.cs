namespace Digits.Core.Data;

/// <summary>
/// A set of equally sized grayscale images with one label each, stored row-major in one array.
/// </summary>
public sealed class LabeledImages
{
    public LabeledImages(byte[] pixels, byte[] labels, int rows, int columns, int maxPixelValue)
    {
        if (rows <= 0 || columns <= 0)
            throw new ArgumentOutOfRangeException(nameof(rows), "Image dimensions must be positive.");
        if (pixels.Length != labels.Length * rows * columns)
            throw new ArgumentException(
                $"{pixels.Length} pixels do not make {labels.Length} images of {rows}x{columns}.", nameof(pixels));
        Pixels = pixels;
        Labels = labels;
        Rows = rows;
        Columns = columns;
        MaxPixelValue = maxPixelValue;
    }

    public byte[] Pixels { get; }
    public byte[] Labels { get; }
    public int Rows { get; }
    public int Columns { get; }

    /// <summary>The largest value a pixel can take: 255 for MNIST, 16 for the 8x8 digits.</summary>
    public int MaxPixelValue { get; }

    public int Count => Labels.Length;
    public int PixelsPerImage => Rows * Columns;

    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * PixelsPerImage, PixelsPerImage);

    public LabeledImages Select(IReadOnlyList<int> indices)
    {
        var pixels = new byte[indices.Count * PixelsPerImage];
        var labels = new byte[indices.Count];
        for (var i = 0; i < indices.Count; i++)
        {
            Image(indices[i]).CopyTo(pixels.AsSpan(i * PixelsPerImage));
            labels[i] = Labels[indices[i]];
        }
        return new LabeledImages(pixels, labels, Rows, Columns, MaxPixelValue);
    }

    /// <summary>These images followed by <paramref name="other"/>'s, which must have the same size.</summary>
    public LabeledImages Concat(LabeledImages other)
    {
        if (other.Rows != Rows || other.Columns != Columns) throw new ArgumentException("Only images of one size can be joined.", nameof(other));
        return new LabeledImages([.. Pixels, .. other.Pixels], [.. Labels, .. other.Labels], Rows, Columns, MaxPixelValue);
    }

    public LabeledImages Take(int count) => Select(Enumerable.Range(0, Math.Min(count, Count)).ToArray());

    public int[] ClassCounts(int classCount = 10)
    {
        var counts = new int[classCount];
        foreach (var label in Labels) counts[label]++;
        return counts;
    }
}
