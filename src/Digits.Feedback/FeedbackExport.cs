using Digits.Core.Models;
using Digits.Imaging;

namespace Digits.Feedback;

/// <summary>
/// The answers that got feedback, as training examples: the 28x28 image the model saw, filed under the label it should
/// have had (DIR/7/ID.png; a number's digits as DIR/LABEL/ID-N.png), the layout `train --data` reads.
/// </summary>
public static class FeedbackExport
{
    /// <summary>How many images were written per label, and the answers that could not be written, with the reason.</summary>
    public sealed record Outcome(IReadOnlyDictionary<string, int> PerLabel, IReadOnlyList<string> Skipped)
    {
        public int Written => PerLabel.Values.Sum();
    }

    /// <param name="wrongOnly">Only the answers whose feedback differs from them (the corrections), not the confirmations.</param>
    public static async Task<Outcome> WriteAsync(IFeedbackStore store, string folder, bool wrongOnly, CancellationToken cancellation = default)
    {
        var perLabel = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var skipped = new List<string>();
        await foreach (var answer in store.CorrectedAsync(cancellation))
        {
            if (wrongOnly && answer.Truth == answer.Answer) continue;
            if (answer.Endpoint == Endpoints.Features)
            {
                skipped.Add($"{answer.Id}: an 8x8 features answer, not an image");
                continue;
            }
            var digits = answer.Input.Length / ModelInputEncoding.MnistPixels;
            if (answer.Truth!.Length != digits || answer.Input.Length % ModelInputEncoding.MnistPixels != 0)
            {
                skipped.Add($"{answer.Id}: the truth \"{answer.Truth}\" has {answer.Truth.Length} digits, the answer {digits}, so they cannot be paired");
                continue;
            }
            for (var d = 0; d < digits; d++)
            {
                var label = answer.Truth[d].ToString();
                var name = answer.IsNumber ? $"{answer.Id}-{d + 1}" : answer.Id;
                LabeledImageFolder.Write(folder, label, name, answer.Input.AsSpan(d * ModelInputEncoding.MnistPixels, ModelInputEncoding.MnistPixels));
                perLabel[label] = perLabel.GetValueOrDefault(label) + 1;
            }
        }
        return new Outcome(perLabel, skipped);
    }
}
