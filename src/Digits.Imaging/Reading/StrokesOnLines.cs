namespace Digits.Imaging.Reading;

/// <summary>
/// A digit's strokes that lay on a printed line and went with it when the line was taken out: a 0's foot on a comb's
/// bottom line, a 2's base on a baseline, the side of a 0 along a box's wall. They are the line's pixels between two
/// places where the digit's ink meets the line, along it.
/// </summary>
internal static class StrokesOnLines
{
    /// <param name="onLine">The printed lines' pixels taken out of the ink.</param>
    /// <param name="labels">The ink's marks, numbered as <paramref name="isKept"/> tells the digit's.</param>
    /// <param name="box">The digit's ink, in working pixels.</param>
    /// <param name="band">Per row, the columns of the digit's ink.</param>
    /// <param name="open">Per row, the columns the line's pixels may be the digit's in.</param>
    /// <returns>The pixels' indices; null when there are fewer than a line's thickness squared.</returns>
    public static List<int>? Find(bool[] onLine, int[] labels, int width, int height, bool[] isKept,
        (int Left, int Top, int Right, int Bottom) box, Func<int, (int First, int Last)> band, Func<int, (int First, int Last)> open)
    {
        var reach = FieldLines.Thickness(height);
        var (x0, y0) = (Math.Max(0, box.Left - reach), Math.Max(0, box.Top - reach));
        var (x1, y1) = (Math.Min(width - 1, box.Right + reach), Math.Min(height - 1, box.Bottom + reach));
        // Per row and per column near the digit, the first and last of its pixels that meet a line.
        var (rowFirst, rowLast) = (Filled(y1 - y0 + 1, int.MaxValue), Filled(y1 - y0 + 1, -1));
        var (columnFirst, columnLast) = (Filled(x1 - x0 + 1, int.MaxValue), Filled(x1 - x0 + 1, -1));
        for (var y = box.Top; y <= box.Bottom; y++)
        {
            var (first, last) = band(y);
            for (var x = Math.Max(first, box.Left); x <= Math.Min(last, box.Right); x++)
            {
                var label = labels[y * width + x];
                if (label >= isKept.Length || !isKept[label] || !NextToLine(onLine, width, height, x, y)) continue;
                (rowFirst[y - y0], rowLast[y - y0]) = (Math.Min(rowFirst[y - y0], x), Math.Max(rowLast[y - y0], x));
                (columnFirst[x - x0], columnLast[x - x0]) = (Math.Min(columnFirst[x - x0], y), Math.Max(columnLast[x - x0], y));
            }
        }
        var found = new List<int>();
        for (var y = y0; y <= y1; y++)
        {
            var (firstInRows, lastInRows) = (int.MaxValue, -1);
            for (var r = Math.Max(0, y - y0 - reach); r <= Math.Min(y1 - y0, y - y0 + reach); r++)
                (firstInRows, lastInRows) = (Math.Min(firstInRows, rowFirst[r]), Math.Max(lastInRows, rowLast[r]));
            var (openFirst, openLast) = open(y);
            for (var x = Math.Max(x0, openFirst); x <= Math.Min(x1, openLast); x++)
            {
                if (!onLine[y * width + x]) continue;
                // Between meetings across the line is no stroke along it: a digit's ink either side of a wall leaves it out.
                var between = false;
                if (Run(onLine, width, height, x, y, 1, 0, 2 * reach) >= Run(onLine, width, height, x, y, 0, 1, 2 * reach))
                    between = firstInRows < x && x < lastInRows;
                else
                    for (var c = Math.Max(0, x - x0 - reach); !between && c <= Math.Min(x1 - x0, x - x0 + reach); c++)
                        between = columnFirst[c] < y && y < columnLast[c];
                if (between) found.Add(y * width + x);
            }
        }
        return found.Count >= reach * reach ? found : null;
    }

    private static int[] Filled(int length, int value)
    {
        var values = new int[length];
        Array.Fill(values, value);
        return values;
    }

    private static bool NextToLine(bool[] onLine, int width, int height, int x, int y)
    {
        for (var dy = -1; dy <= 1; dy++)
            for (var dx = -1; dx <= 1; dx++)
            {
                int nx = x + dx, ny = y + dy;
                if (nx >= 0 && ny >= 0 && nx < width && ny < height && onLine[ny * width + nx]) return true;
            }
        return false;
    }

    /// <summary>How many of the line's pixels run through (x, y) along a direction, up to <paramref name="most"/> either way.</summary>
    private static int Run(bool[] onLine, int width, int height, int x, int y, int dx, int dy, int most)
    {
        var run = 1;
        foreach (var sign in (ReadOnlySpan<int>)[-1, 1])
            for (int k = 1, nx = x + sign * dx, ny = y + sign * dy; k <= most && nx >= 0 && ny >= 0 && nx < width && ny < height
                && onLine[ny * width + nx]; k++, nx += sign * dx, ny += sign * dy)
                run++;
        return run;
    }
}
