namespace Digits.Core.Metrics;

/// <summary>How far a text read is from the truth, counted in characters.</summary>
public static class TextDistance
{
    /// <summary>The fewest insertions, deletions and substitutions that turn one text into the other.</summary>
    public static int Edits(string read, string truth)
    {
        var previous = Enumerable.Range(0, truth.Length + 1).ToArray();
        var current = new int[truth.Length + 1];
        for (var i = 1; i <= read.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= truth.Length; j++)
                current[j] = Math.Min(Math.Min(current[j - 1], previous[j]) + 1, previous[j - 1] + (read[i - 1] == truth[j - 1] ? 0 : 1));
            (previous, current) = (current, previous);
        }
        return previous[truth.Length];
    }

    /// <summary>The truth's digits read right: its length less the edits needed, never below zero.</summary>
    public static int DigitsRight(string read, string truth) => Math.Max(0, truth.Length - Edits(read, truth));
}
