namespace Digits.Imaging.RealWorld;

/// <summary>Handwritten digits laid out as people write a number: side by side or one per box of a printed comb field.</summary>
public static class HandwrittenNumber
{
    /// <summary>Digit height on the layout sheet, in pixels.</summary>
    private const float Height = 48;

    /// <summary>
    /// Digits in a row with gaps that vary (a quarter of them touching or overlapping their left neighbour), each a
    /// little larger or smaller and higher or lower than the others, and now and then a wider space between groups.
    /// </summary>
    public static InkImage SideBySide(IReadOnlyList<InkImage> digits, Random random)
    {
        var spaceAfter = digits.Count >= 4 && random.Next(5) == 0 ? random.Next(1, digits.Count - 1) : -1;
        var placed = new List<(InkImage Ink, float X, float Y, float Height)>();
        var x = Height * 0.3f;
        for (var i = 0; i < digits.Count; i++)
        {
            var ink = InkCanvas.Crop(digits[i]);
            var height = Height * (float)random.Between(0.85, 1.12);
            var y = Height * 0.3f + Height * (float)random.Between(-0.06, 0.06) + (Height - height) / 2;
            placed.Add((ink, x, y, height));
            var gap = random.Next(4) == 0 ? random.Between(-0.12, 0.02) : random.Between(0.06, 0.45);
            if (i == spaceAfter) gap = random.Between(0.7, 1.2);
            x += height * ink.Width / ink.Height + Height * (float)gap;
        }
        using var canvas = new InkCanvas((int)(x + Height * 0.3f), (int)(Height * 1.6f));
        foreach (var (ink, left, top, height) in placed) canvas.Draw(ink, left, top, height);
        return canvas.ToInk();
    }

    /// <summary>
    /// A comb field: a row of printed boxes, one digit written in each, often touching or crossing the lines. A third
    /// of the fields share the walls between boxes, a third print each box on its own, a gap apart, and a third are
    /// combs proper: a bottom line with short ticks rising between the digits.
    /// </summary>
    public static InkImage InBoxes(IReadOnlyList<InkImage> digits, Random random)
    {
        var boxWidth = Height * (float)random.Between(1.0, 1.4);
        var boxHeight = Height * (float)random.Between(1.15, 1.5);
        var line = (float)random.Between(1.5, 3.5);
        var strength = (float)random.Between(0.5, 1.0);
        var style = random.Next(3);
        var gap = style == 1 ? boxWidth * (float)random.Between(0.08, 0.35) : 0;
        var pitch = boxWidth + gap;
        var margin = Height * 0.4f;
        using var canvas = new InkCanvas((int)(2 * margin + digits.Count * pitch - gap + line), (int)(2 * margin + boxHeight + line));
        if (style == 2)
        {
            var tick = boxHeight * (float)random.Between(0.3, 0.6);
            canvas.Rectangle(margin, margin + boxHeight, digits.Count * boxWidth + line, line, strength);
            for (var i = 0; i <= digits.Count; i++) canvas.Rectangle(margin + i * boxWidth, margin + boxHeight - tick, line, tick + line, strength);
        }
        else if (gap == 0)
        {
            canvas.Rectangle(margin, margin, digits.Count * boxWidth + line, line, strength);
            canvas.Rectangle(margin, margin + boxHeight, digits.Count * boxWidth + line, line, strength);
            for (var i = 0; i <= digits.Count; i++) canvas.Rectangle(margin + i * boxWidth, margin, line, boxHeight + line, strength);
        }
        else
            for (var i = 0; i < digits.Count; i++)
            {
                var x = margin + i * pitch;
                canvas.Rectangle(x, margin, boxWidth + line, line, strength);
                canvas.Rectangle(x, margin + boxHeight, boxWidth + line, line, strength);
                canvas.Rectangle(x, margin, line, boxHeight + line, strength);
                canvas.Rectangle(x + boxWidth, margin, line, boxHeight + line, strength);
            }
        for (var i = 0; i < digits.Count; i++)
        {
            var ink = InkCanvas.Crop(digits[i]);
            var height = boxHeight * (float)random.Between(0.65, 1.0);
            var width = height * ink.Width / ink.Height;
            var left = margin + i * pitch + (boxWidth - width) / 2 + boxWidth * (float)random.Between(-0.12, 0.12);
            var top = margin + (boxHeight - height) / 2 + boxHeight * (float)random.Between(-0.1, 0.1);
            canvas.Draw(ink, left, top, height);
        }
        return canvas.ToInk();
    }

}
