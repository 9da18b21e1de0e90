using System.Diagnostics;
using Digits.Core.Metrics;
using Digits.Imaging;
using Digits.Imaging.Reading;

namespace Digits.Inference.Reading;

/// <summary>
/// Reads a whole number from one image: the segmenter proposes every plausible digit, the model scores them all in
/// one batched run (and a second, rarely, for the cuts of a stretch about one digit wide that read poorly whole), and
/// the lattice keeps the cuts whose digits are together most likely; a digit it keeps that the model doubts is read
/// again in its <see cref="ShiftedViews"/>. A picture of one digit alone is read exactly as /predict reads it.
/// </summary>
public static class NumberReader
{
    /// <param name="length">The number of digits the form expects, if it knows.</param>
    /// <param name="reviewThreshold">Flag digits below this confidence instead of the model's own threshold.</param>
    public static NumberReading Read(OnnxModel model, byte[] image, int? length = null, double? reviewThreshold = null)
    {
        var start = Stopwatch.GetTimestamp();
        var decoded = ImageDecoder.Decode(image);
        var inputs = new List<float[]>();
        var probabilities = new List<float[]>();
        var logScores = new List<double>();
        var oddSingle = false;
        int? readAsPredict = null;
        IReadOnlyList<CandidateScore> Score(IReadOnlyList<DigitCandidate> candidates)
        {
            var batch = candidates.Select(c => c.Input).ToArray();
            if (inputs.Count == 0 && batch.Length == 1)
            {
                var single = DigitPreprocessor.Prepare(decoded);
                batch[0] = single.Input;
                oddSingle = !single.LooksLikeOneDigit;
                readAsPredict = 0;
            }
            var (flat, oneDigit) = model.ReadCandidates(batch.SelectMany(i => i).ToArray(), batch.Length);
            var rows = flat.Chunk(model.ClassCount).ToArray();
            inputs.AddRange(batch);
            probabilities.AddRange(rows);
            // A candidate is read right when it is one digit and that digit is the likeliest.
            var scores = rows.Select((row, c) => new CandidateScore(row.Max(), oneDigit[c])).ToArray();
            logScores.AddRange(scores.Select(score => score.Log));
            return scores;
        }
        var lattice = NumberSegmenter.Segment(decoded, length, Score);
        var path = lattice.Best(logScores, length ?? lattice.DigitsInBoxes);
        var threshold = reviewThreshold ?? model.ReviewThreshold;
        AverageShiftedViews(model, path.Candidates.Where(c => c != readAsPredict && probabilities[c].Max() < threshold).ToList(), inputs, probabilities);
        var digits = path.Candidates.Select(c =>
        {
            var row = probabilities[c];
            var digit = Evaluation.ArgMax(row);
            return new ReadDigit(digit, row[digit], row, lattice.Candidates[c].Box, row[digit] < threshold, inputs[c]);
        }).ToList();
        var confidence = digits.Aggregate(1.0, (product, d) => product * d.Confidence);
        var needsReview = path.Doubtful || oddSingle || digits.Exists(d => d.NeedsReview);
        return new NumberReading(string.Concat(digits.Select(d => d.Digit)), confidence, needsReview, digits, model.Id,
            Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>
    /// Replaces each doubtful candidate's probabilities with their average over its shifted views, in one more model
    /// run: a digit that sits between two shapes the model learnt is then read by the views that agree.
    /// </summary>
    private static void AverageShiftedViews(OnnxModel model, List<int> doubtful, List<float[]> inputs, List<float[]> probabilities)
    {
        if (doubtful.Count == 0) return;
        var moved = ShiftedViews.Count - 1;
        var (flat, _) = model.ReadCandidates(doubtful.SelectMany(c => ShiftedViews.Shifted(inputs[c])).ToArray(), doubtful.Count * moved);
        var classes = model.ClassCount;
        for (var k = 0; k < doubtful.Count; k++)
        {
            var average = probabilities[doubtful[k]].ToArray();
            for (var view = 0; view < moved; view++)
                for (var digit = 0; digit < classes; digit++)
                    average[digit] += flat[(k * moved + view) * classes + digit];
            for (var digit = 0; digit < classes; digit++) average[digit] /= ShiftedViews.Count;
            probabilities[doubtful[k]] = average;
        }
    }
}
