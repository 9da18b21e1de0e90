namespace Digits.Core.Data;

public sealed record SplitIndices(int[] Train, int[] Holdout);

/// <summary>Deterministic ways to divide a data set; every random choice comes from the given seed.</summary>
public static class Splits
{
    /// <summary>
    /// Holds out one block of <paramref name="holdoutCount"/> consecutive samples, counted from the end: block 0 is
    /// the last samples (Keras' validation_split), block 1 the samples before them, and so on around again.
    /// </summary>
    public static SplitIndices Block(int count, int holdoutCount, int block = 0)
    {
        if (holdoutCount <= 0 || holdoutCount >= count)
            throw new ArgumentOutOfRangeException(nameof(holdoutCount), $"Cannot hold out {holdoutCount} of {count} samples.");
        ArgumentOutOfRangeException.ThrowIfNegative(block);
        var end = count - block % (count / holdoutCount) * holdoutCount;
        var start = end - holdoutCount;
        return new SplitIndices([.. Enumerable.Range(0, start), .. Enumerable.Range(end, count - end)], Enumerable.Range(start, holdoutCount).ToArray());
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
