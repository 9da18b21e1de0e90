using Digits.Core.Models;

namespace Digits.Imaging;

/// <summary>What preprocessing made of a picture: the model's input, and whether the picture looked like one digit (see <see cref="FoundDigit"/>).</summary>
public sealed record PreprocessedDigit(float[] Input, bool LooksLikeOneDigit);

/// <summary>
/// Turns any picture of one digit into MNIST's form: white ink on black, cropped to the digit, scaled so the
/// longer side is 20 pixels (aspect kept, area-averaged), placed in 28x28 with its center of mass at the
/// center, values in [0,1]. The ink is found as a person would (<see cref="InkMap"/>: against the local paper,
/// whichever its polarity; <see cref="InkComponents"/>: strokes apart from specks and ruled lines). The same code
/// prepares user images for training, evaluation and serving.
/// </summary>
public static class DigitPreprocessor
{
    public const int Side = ModelInputEncoding.MnistSide;
    public const int BoxSide = 20;

    public static float[] Process(DecodedImage image) => Prepare(image).Input;

    public static PreprocessedDigit Prepare(DecodedImage image)
    {
        using var map = InkMap.From(image);
        var digit = InkComponents.Find(map);
        return new PreprocessedDigit(Place(digit.Ink, digit.Width, digit.Height), digit.LooksLikeOneDigit);
    }

    /// <summary>Scales the ink box into 20x20 (aspect kept) and centers its mass in 28x28.</summary>
    public static float[] Place(float[] ink, int boxWidth, int boxHeight)
    {
        var scale = (double)BoxSide / Math.Max(boxWidth, boxHeight);
        var outWidth = Math.Clamp((int)Math.Round(boxWidth * scale), 1, BoxSide);
        var outHeight = Math.Clamp((int)Math.Round(boxHeight * scale), 1, BoxSide);
        var scaled = AreaResample(ink, boxWidth, boxHeight, outWidth, outHeight);

        double mass = 0, massX = 0, massY = 0;
        for (var y = 0; y < outHeight; y++)
            for (var x = 0; x < outWidth; x++)
            {
                var v = scaled[y * outWidth + x];
                mass += v;
                massX += v * x;
                massY += v * y;
            }
        // MNIST's digits have their center of mass at (14, 14) in pixel indices (measured: 13.99, 14.00).
        var center = Side / 2.0;
        var offsetX = mass > 0 ? Math.Clamp((int)Math.Round(center - massX / mass), 0, Side - outWidth) : (Side - outWidth) / 2;
        var offsetY = mass > 0 ? Math.Clamp((int)Math.Round(center - massY / mass), 0, Side - outHeight) : (Side - outHeight) / 2;

        var result = new float[Side * Side];
        for (var y = 0; y < outHeight; y++)
            Array.Copy(scaled, y * outWidth, result, (y + offsetY) * Side + offsetX, outWidth);
        return result;
    }

    /// <summary>Each output pixel is the mean of the source area it covers (an exact box filter, for shrinking and growing).</summary>
    private static float[] AreaResample(float[] source, int boxWidth, int boxHeight, int outWidth, int outHeight)
    {
        var result = new float[outWidth * outHeight];
        var stepX = (double)boxWidth / outWidth;
        var stepY = (double)boxHeight / outHeight;
        for (var oy = 0; oy < outHeight; oy++)
        {
            double y0 = oy * stepY, y1 = y0 + stepY;
            for (var ox = 0; ox < outWidth; ox++)
            {
                double x0 = ox * stepX, x1 = x0 + stepX, sum = 0;
                for (var sy = (int)y0; sy < Math.Min(boxHeight, (int)Math.Ceiling(y1)); sy++)
                {
                    var coverY = Math.Min(y1, sy + 1) - Math.Max(y0, sy);
                    var row = sy * boxWidth;
                    for (var sx = (int)x0; sx < Math.Min(boxWidth, (int)Math.Ceiling(x1)); sx++)
                        sum += source[row + sx] * coverY * (Math.Min(x1, sx + 1) - Math.Max(x0, sx));
                }
                result[oy * outWidth + ox] = (float)(sum / (stepX * stepY));
            }
        }
        return result;
    }
}
