using SkiaSharp;

namespace Digits.Imaging.RealWorld;

/// <summary>
/// A digit drawn with a pen on a transparent canvas, as the page's drawing pad sends it: one of a few ways
/// people write each digit (a stroke list in a unit box), each point moved a little, slanted, squeezed and
/// drawn with a pen of its own width.
/// </summary>
public static class PenStrokes
{
    private const int Canvas = 280;

    /// <summary>Per digit, the ways it is written: strokes as (x, y) points in [0,1], y down.</summary>
    private static readonly (double X, double Y)[][][][] Styles =
    [
        [ // 0
            [[(0.5, 0.05), (0.2, 0.2), (0.12, 0.5), (0.2, 0.8), (0.5, 0.95), (0.8, 0.8), (0.88, 0.5), (0.8, 0.2), (0.5, 0.05), (0.45, 0.1)]],
            [[(0.55, 0.08), (0.3, 0.15), (0.2, 0.45), (0.3, 0.85), (0.55, 0.93), (0.75, 0.7), (0.78, 0.35), (0.65, 0.1), (0.5, 0.08)]],
        ],
        [ // 1
            [[(0.5, 0.05), (0.5, 0.95)]],
            [[(0.3, 0.25), (0.55, 0.05), (0.55, 0.95)]],
            [[(0.35, 0.2), (0.55, 0.05), (0.55, 0.95)], [(0.35, 0.95), (0.75, 0.95)]],
        ],
        [ // 2
            [[(0.2, 0.25), (0.35, 0.08), (0.6, 0.05), (0.78, 0.2), (0.75, 0.4), (0.2, 0.93), (0.85, 0.93)]],
            [[(0.2, 0.3), (0.4, 0.08), (0.7, 0.1), (0.75, 0.35), (0.5, 0.65), (0.2, 0.92), (0.45, 0.85), (0.85, 0.92)]],
        ],
        [ // 3
            [[(0.2, 0.15), (0.5, 0.05), (0.78, 0.2), (0.7, 0.4), (0.45, 0.48), (0.75, 0.58), (0.8, 0.8), (0.5, 0.95), (0.2, 0.85)]],
            [[(0.2, 0.08), (0.8, 0.08), (0.45, 0.42), (0.75, 0.55), (0.8, 0.8), (0.5, 0.95), (0.2, 0.85)]],
        ],
        [ // 4
            [[(0.6, 0.05), (0.15, 0.65), (0.85, 0.65)], [(0.62, 0.3), (0.62, 0.95)]],
            [[(0.25, 0.05), (0.2, 0.55), (0.8, 0.55)], [(0.7, 0.05), (0.7, 0.95)]],
        ],
        [ // 5
            [[(0.75, 0.07), (0.3, 0.07), (0.25, 0.45), (0.55, 0.4), (0.78, 0.6), (0.72, 0.85), (0.45, 0.95), (0.2, 0.85)]],
            [[(0.3, 0.07), (0.25, 0.45), (0.55, 0.4), (0.78, 0.62), (0.7, 0.88), (0.4, 0.95), (0.2, 0.85)], [(0.3, 0.07), (0.78, 0.07)]],
        ],
        [ // 6
            [[(0.7, 0.05), (0.4, 0.25), (0.22, 0.6), (0.3, 0.9), (0.55, 0.95), (0.75, 0.78), (0.68, 0.55), (0.45, 0.52), (0.25, 0.65)]],
            [[(0.65, 0.08), (0.3, 0.4), (0.25, 0.75), (0.45, 0.95), (0.7, 0.85), (0.72, 0.62), (0.5, 0.5), (0.28, 0.62)]],
        ],
        [ // 7
            [[(0.15, 0.08), (0.85, 0.08), (0.4, 0.95)]],
            [[(0.15, 0.12), (0.85, 0.08), (0.55, 0.5), (0.45, 0.95)], [(0.35, 0.5), (0.72, 0.5)]],
        ],
        [ // 8
            [[(0.7, 0.15), (0.5, 0.05), (0.28, 0.18), (0.32, 0.38), (0.7, 0.6), (0.75, 0.85), (0.5, 0.95), (0.25, 0.85), (0.3, 0.6), (0.68, 0.38), (0.72, 0.18)]],
            [[(0.5, 0.48), (0.25, 0.3), (0.5, 0.05), (0.75, 0.3), (0.5, 0.48), (0.22, 0.72), (0.5, 0.95), (0.78, 0.72), (0.5, 0.48)]],
        ],
        [ // 9
            [[(0.75, 0.3), (0.55, 0.45), (0.3, 0.4), (0.25, 0.2), (0.45, 0.05), (0.72, 0.12), (0.75, 0.3), (0.68, 0.95)]],
            [[(0.72, 0.25), (0.5, 0.05), (0.25, 0.2), (0.3, 0.45), (0.55, 0.45), (0.72, 0.25), (0.72, 0.6), (0.6, 0.95)]],
        ],
    ];

    /// <returns>A PNG of dark strokes on a transparent canvas.</returns>
    public static byte[] Render(int digit, Random random)
    {
        var ways = Styles[digit];
        var strokes = ways[random.Next(ways.Length)];
        var slant = (random.NextDouble() - 0.5) * 0.5;
        var squeeze = 0.55 + 0.45 * random.NextDouble();
        var height = Canvas * (0.45 + 0.35 * random.NextDouble());
        var width = height * squeeze;
        var left = (Canvas - width) * (0.2 + 0.6 * random.NextDouble());
        var top = (Canvas - height) * (0.2 + 0.6 * random.NextDouble());
        var wobble = 0.02 + 0.04 * random.NextDouble();
        return Png(Canvas, Canvas, canvas =>
        {
            using var pen = Pen(8 + 22 * random.NextDouble());
            Draw(canvas, strokes, new SKRect((float)left, (float)top, (float)(left + width), (float)(top + height)), slant, wobble, pen, random);
        });
    }

    /// <summary>Digits written left to right on a wide canvas (<paramref name="width"/> x <paramref name="height"/>), one pen for all, gaps varying, now and then touching.</summary>
    /// <returns>A PNG of dark strokes on a transparent canvas.</returns>
    public static byte[] RenderNumber(IReadOnlyList<int> digits, int width, int height, Random random)
    {
        var boxes = new List<(int Digit, double Left, double Width, double Top, double Height, double Slant, double Wobble)>();
        var x = 0.0;
        foreach (var digit in digits)
        {
            var digitHeight = 0.8 + 0.2 * random.NextDouble();
            var digitWidth = digitHeight * (0.45 + 0.35 * random.NextDouble());
            boxes.Add((digit, x, digitWidth, 0.1 * random.NextDouble(), digitHeight, (random.NextDouble() - 0.5) * 0.4, 0.02 + 0.03 * random.NextDouble()));
            x += digitWidth + (random.Next(6) == 0 ? 0.02 : 0.12 + 0.35 * random.NextDouble());
        }
        var scale = Math.Min(width * 0.9 / x, height * (0.5 + 0.3 * random.NextDouble()));
        var left = (width - x * scale) * (0.2 + 0.6 * random.NextDouble());
        var top = (height - 1.1 * scale) * (0.2 + 0.6 * random.NextDouble());
        return Png(width, height, canvas =>
        {
            using var pen = Pen(scale * (0.05 + 0.07 * random.NextDouble()));
            foreach (var box in boxes)
            {
                var ways = Styles[box.Digit];
                var area = new SKRect((float)(left + box.Left * scale), (float)(top + box.Top * scale),
                    (float)(left + (box.Left + box.Width) * scale), (float)(top + (box.Top + box.Height) * scale));
                Draw(canvas, ways[random.Next(ways.Length)], area, box.Slant, box.Wobble, pen, random);
            }
        });
    }

    private static SKPaint Pen(double width) => new()
    {
        Color = new SKColor(0x11, 0x11, 0x11), IsAntialias = true, Style = SKPaintStyle.Stroke,
        StrokeWidth = (float)width, StrokeCap = SKStrokeCap.Round, StrokeJoin = SKStrokeJoin.Round,
    };

    /// <summary>Draws one way of writing a digit into <paramref name="area"/>, each point moved by up to <paramref name="wobble"/> and the whole slanted.</summary>
    private static void Draw(SKCanvas canvas, (double X, double Y)[][] strokes, SKRect area, double slant, double wobble, SKPaint pen, Random random)
    {
        foreach (var stroke in strokes)
        {
            var points = stroke.Select(p =>
            {
                var x = p.X + wobble * (random.NextDouble() - 0.5) * 2;
                var y = p.Y + wobble * (random.NextDouble() - 0.5) * 2;
                return new SKPoint((float)(area.Left + (x + slant * (0.5 - y)) * area.Width), (float)(area.Top + y * area.Height));
            }).ToArray();
            canvas.DrawPath(Polyline(points), pen);
        }
    }

    private static byte[] Png(int width, int height, Action<SKCanvas> draw)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Unpremul));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Transparent);
            draw(canvas);
        }
        using var image = SKImage.FromBitmap(bitmap);
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    /// <summary>The stroke as a pen draws it between the points; round joins soften its corners.</summary>
    private static SKPath Polyline(SKPoint[] points)
    {
        var path = new SKPath();
        path.MoveTo(points[0]);
        foreach (var point in points.Skip(1)) path.LineTo(point);
        return path;
    }
}
