namespace Digits.Imaging.Reading;

/// <summary>A box in the pixels of the uploaded image.</summary>
public sealed record DigitBox(int X, int Y, int Width, int Height);

/// <summary>
/// One way to read a stretch of ink as one digit: it spans the lattice's cut points <paramref name="From"/> to
/// <paramref name="To"/>, covers <paramref name="Box"/>, and the model sees <paramref name="Input"/> (28x28, MNIST's form).
/// </summary>
public sealed record DigitCandidate(int From, int To, DigitBox Box, float[] Input);

/// <summary>What the recognizer says of a candidate: its likeliest digit's probability, and the chance that it is one digit at all.</summary>
public readonly record struct CandidateScore(double Digit, double OneDigit)
{
    /// <summary>The log of the candidate's chance of being one digit read right.</summary>
    public double Log => Math.Log(Math.Max(1e-9, Digit * OneDigit));
}

/// <summary>The recognizer's answer for each candidate.</summary>
public delegate IReadOnlyList<CandidateScore> CandidateScorer(IReadOnlyList<DigitCandidate> candidates);

/// <summary>A stretch of ink between two spaces: cut points <paramref name="From"/> to <paramref name="To"/> of the lattice.</summary>
public sealed record InkStretch(int From, int To);

/// <summary>The digits chosen: candidate indices left to right, and whether another reading came close.</summary>
public sealed record LatticePath(IReadOnlyList<int> Candidates, bool Doubtful);

/// <summary>
/// Every way a picture of a number may be cut into digits: its stretches of ink left to right, and candidate digits
/// between cut points inside each. The recognizer scores every candidate; <see cref="Best"/> then picks the cuts.
/// </summary>
/// <param name="cutCosts">Per cut point, what cutting there costs in log-likelihood, apart from what the recognizer reads (none when null).</param>
public sealed class NumberLattice(IReadOnlyList<InkStretch> stretches, IReadOnlyList<DigitCandidate> candidates, bool marksLeftOut, int? digitsInBoxes = null,
    IReadOnlyList<double>? cutCosts = null)
{
    /// <summary>A reading this much less likely than the best (a factor of 5) is a close call, worth a person's look.</summary>
    private static readonly double DoubtMargin = Math.Log(5);
    /// <summary>Leaving a stretch unread, where the length asks for fewer digits, costs as much as reading a digit at 1 % confidence.</summary>
    private static readonly StretchOption Unread = new(Math.Log(0.01), []);

    public IReadOnlyList<InkStretch> Stretches { get; } = stretches;
    public IReadOnlyList<DigitCandidate> Candidates { get; } = candidates;
    /// <summary>A mark as large as part of a digit was not read: the picture may hold more than the text.</summary>
    public bool MarksLeftOut { get; } = marksLeftOut;
    /// <summary>In a comb field, how many of its boxes hold a digit: as many digits as a form's expected length would say.</summary>
    public int? DigitsInBoxes { get; } = digitsInBoxes;

    /// <summary>The cuts whose digits are together most likely.</summary>
    /// <param name="logScore">Per candidate, the log of its chance of being a digit read right (its confidence).</param>
    /// <param name="length">The number of digits expected, when the form knows it.</param>
    public LatticePath Best(IReadOnlyList<double> logScore, int? length = null)
    {
        var options = Stretches.Select(s => Options(s, logScore)).ToList();
        var chosen = length is { } n && Choose(options, n) is { } exact ? exact : options.Select(o => o.MaxBy(x => x.Score)!).ToList();
        var doubtful = MarksLeftOut || chosen.Exists(c => c.Path.Count == 0) || length is { } expected && chosen.Sum(c => c.Path.Count) != expected
            || options.Zip(chosen).Any(p => p.First.Any(o => o != p.Second && p.Second.Score - o.Score < DoubtMargin));
        return new LatticePath(chosen.SelectMany(c => c.Path).ToList(), doubtful);
    }

    /// <summary>Per number of digits, the best way to cut one stretch.</summary>
    private List<StretchOption> Options(InkStretch stretch, IReadOnlyList<double> logScore)
    {
        var nodes = stretch.To - stretch.From + 1;
        var inside = Enumerable.Range(0, Candidates.Count).Where(c => Candidates[c].From >= stretch.From && Candidates[c].To <= stretch.To).ToList();
        var best = new Dictionary<(int Node, int Count), (double Score, int Candidate, int Previous)> { [(0, 0)] = (0, -1, -1) };
        for (var node = 1; node < nodes; node++)
            foreach (var c in inside)
            {
                var candidate = Candidates[c];
                if (candidate.To != stretch.From + node) continue;
                var from = candidate.From - stretch.From;
                foreach (var ((start, count), value) in best.Where(b => b.Key.Node == from).ToList())
                {
                    var score = value.Score + logScore[c] - (from > 0 && cutCosts is not null ? cutCosts[candidate.From] : 0);
                    if (!best.TryGetValue((node, count + 1), out var known) || score > known.Score)
                        best[(node, count + 1)] = (score, c, start);
                }
            }
        return best.Where(b => b.Key.Node == nodes - 1).Select(b => new StretchOption(b.Value.Score, Trace(best, nodes - 1, b.Key.Count))).ToList();
    }

    private static List<int> Trace(Dictionary<(int Node, int Count), (double Score, int Candidate, int Previous)> best, int node, int count)
    {
        var path = new List<int>();
        for (; count > 0; count--)
        {
            var step = best[(node, count)];
            path.Add(step.Candidate);
            node = step.Previous;
        }
        path.Reverse();
        return path;
    }

    /// <summary>
    /// One option per stretch, their digits adding up to <paramref name="length"/>, as likely as possible; null if no
    /// choice adds up. A stretch may be left unread (a piece of a box's wall, a stray stroke), at a cost.
    /// </summary>
    private static List<StretchOption>? Choose(List<List<StretchOption>> options, int length)
    {
        var best = new Dictionary<int, (double Score, List<StretchOption> Chosen)> { [0] = (0, []) };
        foreach (var stretch in options)
        {
            var next = new Dictionary<int, (double Score, List<StretchOption> Chosen)>();
            foreach (var (count, value) in best)
                foreach (var option in stretch.Append(Unread))
                {
                    var total = count + option.Path.Count;
                    var score = value.Score + option.Score;
                    if (total <= length && (!next.TryGetValue(total, out var known) || score > known.Score))
                        next[total] = (score, [.. value.Chosen, option]);
                }
            best = next;
        }
        return best.TryGetValue(length, out var found) ? found.Chosen : null;
    }

    private sealed record StretchOption(double Score, List<int> Path);
}
