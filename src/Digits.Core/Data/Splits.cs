namespace Digits.Core.Data;

public sealed record SplitIndices(int[] Train, int[] Holdout);

/// <summary>Deterministic ways to divide a data set; every random choice comes from the given seed.</summary>
public static class Splits
{
    /// <summary>The first <paramref name="trainCount"/> samples train, the rest are held out (Keras' validation_split).</summary>
    public static SplitIndices Tail(int count, int holdoutCount)
    {
        if (holdoutCount <= 0 || holdoutCount >= count)
            throw new ArgumentOutOfRangeException(nameof(holdoutCount), $"Cannot hold out {holdoutCount} of {count} samples.");
        return new SplitIndices(Enumerable.Range(0, count - holdoutCount).ToArray(),
            Enumerable.Range(count - holdoutCount, holdoutCount).ToArray());
    }

    /// <summary>Holds out <paramref name="holdoutFraction"/> of every class, chosen at random from the seed.</summary>
    public static SplitIndices Stratified(IReadOnlyList<byte> labels, double holdoutFraction, int seed)
    {
        if (holdoutFraction is <= 0 or >= 1)
            throw new ArgumentOutOfRangeException(nameof(holdoutFraction), "The held-out fraction must be between 0 and 1.");
        var random = new Random(seed);
        var train = new List<int>();
        var holdout = new List<int>();
        foreach (var group in Enumerable.Range(0, labels.Count).GroupBy(i => labels[i]).OrderBy(g => g.Key))
        {
            var members = group.ToArray();
            random.Shuffle(members);
            var holdoutCount = (int)Math.Round(members.Length * holdoutFraction);
            holdout.AddRange(members[..holdoutCount]);
            train.AddRange(members[holdoutCount..]);
        }
        train.Sort();
        holdout.Sort();
        return new SplitIndices(train.ToArray(), holdout.ToArray());
    }
}
