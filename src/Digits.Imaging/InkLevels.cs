using System.Numerics;

namespace Digits.Imaging;

/// <summary>
/// How strong ink is in an ink map compared with its paper's noise: what counts as ink, and where a stroke's soft
/// edge fades into paper. A picture whose strongest marks do not stand out from its grain has no ink at all.
/// </summary>
internal readonly record struct InkLevels(float Noise, float Strongest)
{
    /// <summary>Below this many grey levels of contrast there is nothing a person would call ink.</summary>
    public const float MinimumContrast = 10;
    /// <summary>Ink must stand this many noise deviations above the paper.</summary>
    private const float NoiseDeviations = 3;
    /// <summary>... and the strongest ink twice as far: else the picture holds only grain.</summary>
    private const float SignalToNoise = 2 * NoiseDeviations;
    /// <summary>... and reach this share of the strongest ink: fainter marks are paper texture, shading or bleed.</summary>
    private const float StrongShare = 0.25f;

    /// <summary>A form's printed lines may be lighter than the pen's strokes: they are looked for down to this share of the strongest ink.</summary>
    private const float PrintedLineShare = 0.1f;

    /// <summary>Pixels above this are ink.</summary>
    public float Threshold => ThresholdAt(StrongShare);

    /// <summary>Pixels above this may be a printed line.</summary>
    public float PrintedLineThreshold => ThresholdAt(PrintedLineShare);

    private float ThresholdAt(float strongShare) =>
        Math.Min(Math.Max(Math.Max(NoiseDeviations * Noise, MinimumContrast / 2), strongShare * Strongest), Strongest / 2);

    /// <summary>Around a stroke, ink fades to paper at this level.</summary>
    public float SoftEdgeFloor => Math.Max(NoiseDeviations * Noise * 0.75f, 0.2f * Strongest);

    /// <exception cref="ImageRejectedException">The picture has no ink that stands out from its paper.</exception>
    public static InkLevels Measure(InkMap map)
    {
        var levels = Read(map.Strength.AsSpan(0, map.Width * map.Height), map.Width);
        // Ink stands out from the paper's grain: a blank, noisy photo has nothing that does.
        if (levels.Strongest < Math.Max(MinimumContrast, SignalToNoise * levels.Noise))
            throw new ImageRejectedException(ImageProblem.Invalid, InkComponents.NoInk);
        return levels;
    }

    /// <summary>Sets each pixel of <paramref name="mask"/> to 1 where the map holds ink, else 0.</summary>
    public void Mark(InkMap map, Span<int> mask) => Mark(map, mask, Threshold);

    /// <summary>Sets each pixel of <paramref name="mask"/> to 1 where the map holds ink above <paramref name="threshold"/>, else 0.</summary>
    public static void Mark(InkMap map, Span<int> mask, float threshold)
    {
        var strength = map.Strength.AsSpan(0, mask.Length);
        var i = 0;
        if (Vector.IsHardwareAccelerated)
        {
            var (above, one) = (new Vector<float>(threshold), Vector<int>.One);
            for (; i <= mask.Length - Vector<float>.Count; i += Vector<float>.Count)
                (Vector.GreaterThan(new Vector<float>(strength[i..]), above) & one).CopyTo(mask[i..]);
        }
        for (; i < mask.Length; i++) mask[i] = strength[i] > threshold ? 1 : 0;
    }

    /// <summary>
    /// The paper's noise and the strongest ink. The noise is read from differences between neighbours, which stay
    /// small inside strokes and paper alike, so a digit that fills the picture does not count as noise; the
    /// strongest ink is a high percentile, above stray specks.
    /// </summary>
    private static InkLevels Read(ReadOnlySpan<float> strength, int width)
    {
        const int steps = 4;
        Span<int> differences = stackalloc int[256 * steps];
        Span<int> strongest = stackalloc int[256];
        var pairs = 0;
        for (var i = 0; i < strength.Length; i++)
        {
            strongest[(int)Math.Clamp(strength[i], 0, 255)]++;
            if ((i + 1) % width == 0) continue;
            differences[(int)Math.Clamp(Math.Abs(strength[i + 1] - strength[i]) * steps, 0, differences.Length - 1)]++;
            pairs++;
        }
        // The median absolute difference of two independent samples with deviation s is 0.954 s.
        return new InkLevels(Histograms.Percentile(differences, pairs, 0.5) / (float)steps / 0.954f, Histograms.Percentile(strongest, strength.Length, 0.999));
    }
}
