using System.Text.Json.Serialization;
using Digits.Imaging.Reading;
using Digits.Inference;
using Digits.Inference.Reading;

namespace Digits.Server.Api;

/// <summary>The answer of /predict, /predict/pixels and each item of /predict/batch.</summary>
/// <param name="Id">The answer's id: send it to /feedback with the right label when the answer was wrong (or to confirm it). Only the server gives one.</param>
/// <param name="NeedsReview">A person should check the answer: its confidence is below the model's review threshold (or ?review_threshold=), or the picture does not look like one digit.</param>
/// <param name="Input">Only with ?include_input=true: the 28x28 image the model saw, 784 values in [0,1].</param>
public sealed record PredictionResponse(string? Id, int Prediction, float Confidence, float[] Probabilities, double PredictionTimeMs, string Model, bool NeedsReview,
    float[]? Input = null) : BatchResult
{
    public static PredictionResponse From(Prediction p, string? id, bool includeInput) =>
        new(id, p.Digit, p.Confidence, p.Probabilities, Math.Round(p.PredictionTimeMs, 4), p.Model, p.NeedsReview, includeInput ? p.Input : null);
}

/// <param name="Results">In the order sent: a <see cref="PredictionResponse"/> per image read, a <see cref="BatchError"/> per image that could not be.</param>
public sealed record BatchResponse(IReadOnlyList<BatchResult> Results);

/// <summary>One image's result in a batch, told apart by its `kind`: "prediction" or "error".</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(PredictionResponse), "prediction")]
[JsonDerivedType(typeof(BatchError), "error")]
public abstract record BatchResult;

/// <summary>One image of a batch that could not be read, answered in its place with the problem a single upload would get.</summary>
public sealed record BatchError(Microsoft.AspNetCore.Mvc.ProblemDetails Error) : BatchResult
{
    public static BatchError From(Digits.Server.Errors.ProblemException problem) =>
        new(new Microsoft.AspNetCore.Mvc.ProblemDetails { Status = problem.Status, Title = problem.Title, Detail = problem.Message });
}

/// <summary>The 8x8 seed's answer, exactly: prediction and confidence; the id only when asked for (?include_id=true).</summary>
public sealed record FeaturesResponse(int Prediction, float Confidence, string? Id = null);

/// <param name="Pixels">784 numbers in 0..255, row-major 28x28, white ink on black.</param>
public sealed record PixelsRequest(double[]? Pixels)
{
    /// <summary>A "1": a stroke down the middle of the picture.</summary>
    public static readonly PixelsRequest Example = new([.. Enumerable.Range(0, 28 * 28).Select(i => i % 28 is 13 or 14 && i / 28 is >= 4 and < 24 ? 255.0 : 0)]);
}

/// <param name="Features">Exactly 64 numbers in 0..16, row-major 8x8.</param>
public sealed record FeaturesRequest(double[]? Features)
{
    /// <summary>A "1" in the 8x8 scans' 0..16 intensities.</summary>
    public static readonly FeaturesRequest Example = new([.. Enumerable.Range(0, 8 * 8).Select(i => i % 8 is 3 or 4 && i / 8 is >= 1 and < 7 ? 16.0 : 0)]);
}

/// <summary>The answer of /read: the number's text and each of its digits, left to right.</summary>
/// <param name="Id">The answer's id, for /feedback with the right text. Only the server gives one.</param>
/// <param name="Confidence">The chance that the whole text is right: the product of the digits' calibrated confidences.</param>
/// <param name="NeedsReview">A person should check it: a digit needs review, the cuts between touching digits were a close call, or the count differs from ?length=.</param>
public sealed record ReadResponse(string? Id, string Text, double Confidence, bool NeedsReview, IReadOnlyList<ReadDigitResponse> Digits, string Model, double PredictionTimeMs)
{
    public static ReadResponse From(NumberReading reading, string? id) =>
        new(id, reading.Text, Math.Round(reading.Confidence, 6), reading.NeedsReview, reading.Digits.Select(ReadDigitResponse.From).ToArray(), reading.Model,
            Math.Round(reading.PredictionTimeMs, 4));

    /// <summary>What /docs shows.</summary>
    public static readonly ReadResponse Example = new("0193a4c2e1f07b3c9d2e4f5a6b7c8d9e", "42", 0.987, false,
        [
            new(4, 0.995f, [0, 0, 0, 0, 0.995f, 0, 0.003f, 0.002f, 0, 0], new DigitBox(12, 8, 30, 44), false),
            new(2, 0.992f, [0, 0.004f, 0.992f, 0.004f, 0, 0, 0, 0, 0, 0], new DigitBox(50, 10, 28, 42), false),
        ], "champion-quick@20261205T061727Z", 1.2);
}

/// <param name="Box">Where the digit is, in the uploaded image's pixels.</param>
/// <param name="NeedsReview">Its confidence is below the review threshold.</param>
public sealed record ReadDigitResponse(int Digit, float Confidence, float[] Probabilities, DigitBox Box, bool NeedsReview)
{
    public static ReadDigitResponse From(ReadDigit digit) => new(digit.Digit, digit.Confidence, digit.Probabilities, digit.Box, digit.NeedsReview);
}
