using System.Diagnostics;
using Digits.Core.Metrics;
using Digits.Imaging;
using Digits.Imaging.Reading;

namespace Digits.Inference.Reading;

/// <summary>
/// Reads a whole number from one image: the segmenter proposes every plausible digit, the model scores them all in
/// one batched run (and a second, rarely, for the cuts of a stretch about one digit wide that read poorly whole), and
/// the lattice keeps the cuts whose digits are together most likely. A picture of one digit alone is read exactly as
/// /predict reads it.
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
        IReadOnlyList<CandidateScore> Score(IReadOnlyList<DigitCandidate> candidates)
        {
            var batch = candidates.Select(c => c.Input).ToArray();
            if (inputs.Count == 0 && batch.Length == 1)
            {
                var single = DigitPreprocessor.Prepare(decoded);
                batch[0] = single.Input;
                oddSingle = !single.LooksLikeOneDigit;
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
}
