namespace Digits.Imaging.RealWorld;

/// <summary>The generators' one way of drawing a number from a range.</summary>
public static class RandomRanges
{
    /// <summary>A number drawn evenly between <paramref name="low"/> and <paramref name="high"/>.</summary>
    public static double Between(this Random random, double low, double high) => low + (high - low) * random.NextDouble();
}
