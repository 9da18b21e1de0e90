namespace Digits.Imaging;

/// <summary>Connected ink pixels: their box, their ink and how many there are.</summary>
internal sealed class InkGroup(int id)
{
    public int Id { get; } = id;
    public int Left { get; private set; } = int.MaxValue;
    public int Top { get; private set; } = int.MaxValue;
    public int Right { get; private set; } = -1;
    public int Bottom { get; private set; } = -1;
    public double Mass { get; private set; }
    public int Pixels { get; private set; }
    public int Width => Right - Left + 1;
    public int Height => Bottom - Top + 1;

    public void Add(int x, int y, float strength)
    {
        Left = Math.Min(Left, x);
        Right = Math.Max(Right, x);
        Top = Math.Min(Top, y);
        Bottom = Math.Max(Bottom, y);
        Mass += strength;
        Pixels++;
    }

    /// <summary>A frame or a shadow's edge: reaching across nearly the whole picture.</summary>
    public bool SpansPicture(int width, int height) =>
        Width >= InkComponents.LineSpan * width && (Left == 0 || Right == width - 1)
        || Height >= InkComponents.LineSpan * height && (Top == 0 || Bottom == height - 1);

    public bool Near(InkGroup other, double reach) =>
        Left <= other.Right + reach && Right >= other.Left - reach && Top <= other.Bottom + reach && Bottom >= other.Top - reach;
}
