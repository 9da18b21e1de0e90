namespace Digits.Imaging;

/// <summary>
/// A digit in MNIST's form seen as it is and moved by one pixel left, right, up and down, zeros filling the uncovered
/// edge: where a model's answers over these views are averaged, a digit that sits between two of the shapes the model
/// learnt is read by the views that agree (models published with shift views, and the reader's doubtful digits).
/// </summary>
public static class ShiftedViews
{
    /// <summary>Each view's move in pixels, right and down; the first is the digit as it is.</summary>
    public static IReadOnlyList<(int Right, int Down)> Moves { get; } = [(0, 0), (1, 0), (-1, 0), (0, 1), (0, -1)];

    public static int Count => Moves.Count;

    /// <summary>The views after the first of a 28x28 input, end to end.</summary>
    public static float[] Shifted(ReadOnlySpan<float> input)
    {
        const int side = DigitPreprocessor.Side;
        var views = new float[(Count - 1) * side * side];
        for (var v = 1; v < Count; v++)
        {
            var (right, down) = Moves[v];
            var view = views.AsSpan((v - 1) * side * side, side * side);
            // Each row keeps the columns that stay inside the picture.
            var (from, length) = (Math.Max(0, -right), side - Math.Abs(right));
            for (var y = Math.Max(0, down); y < Math.Min(side, side + down); y++)
                input.Slice((y - down) * side + from, length).CopyTo(view[(y * side + from + right)..]);
        }
        return views;
    }
}
