using SkiaSharp;

namespace Digits.Imaging.RealWorld;

/// <summary>A digit printed in a typeface, as ink: the glyph rendered large and anti-aliased.</summary>
public static class PrintedDigit
{
    private const int Canvas = 96;

    /// <param name="emboldened">Thicker strokes, as a bold weight or a heavy printer gives.</param>
    /// <param name="slant">Leaning right by this share of the height, as an oblique style.</param>
    public static InkImage Render(SKTypeface typeface, int digit, bool emboldened = false, float slant = 0)
    {
        using var bitmap = new SKBitmap(new SKImageInfo(Canvas, Canvas, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            using var font = new SKFont(typeface, Canvas * 0.7f) { Embolden = emboldened, SkewX = -slant };
            using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
            var text = digit.ToString(System.Globalization.CultureInfo.InvariantCulture);
            font.MeasureText(text, out var bounds, paint);
            canvas.DrawText(text, (Canvas - bounds.Width) / 2 - bounds.Left, (Canvas - bounds.Height) / 2 - bounds.Top, font, paint);
        }
        return InkCanvas.FromBitmap(bitmap);
    }

    /// <summary>A line of text (digits, perhaps with spaces) printed in a typeface, as ink with a margin around it.</summary>
    public static InkImage RenderText(SKTypeface typeface, string text)
    {
        using var font = new SKFont(typeface, Canvas * 0.7f);
        using var paint = new SKPaint { Color = SKColors.White, IsAntialias = true };
        var advance = font.MeasureText(text, out var bounds, paint);
        var margin = Canvas * 0.2f;
        var (width, height) = ((int)(Math.Max(advance, bounds.Width) + 2 * margin), (int)(bounds.Height + 2 * margin));
        using var bitmap = new SKBitmap(new SKImageInfo(width, height, SKColorType.Gray8, SKAlphaType.Opaque));
        using (var canvas = new SKCanvas(bitmap))
        {
            canvas.Clear(SKColors.Black);
            canvas.DrawText(text, margin - bounds.Left, margin - bounds.Top, font, paint);
        }
        return InkCanvas.FromBitmap(bitmap);
    }

    /// <summary>Symbol and dingbat typefaces, which map the digits' code points to other shapes (D050000L is URW's dingbats).</summary>
    private static readonly string[] NotDigits = ["Dingbats", "Symbol", "D050000L"];

    /// <summary>Whether the typeface draws digits at all.</summary>
    public static bool HasDigits(SKTypeface typeface) =>
        typeface.ContainsGlyphs("0123456789") && !NotDigits.Any(name => typeface.FamilyName.Contains(name, StringComparison.OrdinalIgnoreCase));
}
