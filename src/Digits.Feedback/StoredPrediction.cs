using Digits.Core.Models;

namespace Digits.Feedback;

/// <summary>
/// One answer the server gave, as kept for feedback: what it said, how sure it was, and what the model saw (one
/// 28x28 image per digit, or the 64 features), so that a corrected answer can be trained on.
/// </summary>
/// <param name="Answer">The digit or the number's text.</param>
/// <param name="Input">The model's input as bytes: 784 per digit (0..255, white ink on black) or 64 features (0..16).</param>
/// <param name="Truth">What the answer should have been, once someone said so.</param>
public sealed record StoredPrediction(string Id, DateTimeOffset Time, string Model, string Endpoint, string Answer, double Confidence, bool NeedsReview,
    byte[] Input, string? Truth = null)
{
    /// <summary>Time-ordered and unguessable: the ids sort by when they were given.</summary>
    public static string NewId() => Guid.CreateVersion7().ToString("N");

    /// <summary>When an id of <see cref="NewId"/> was given (its first 48 bits are the Unix time in ms); null for any other text.</summary>
    public static DateTimeOffset? IssuedAt(string id) =>
        id.Length == 32 && id[12] == '7' && long.TryParse(id[..12], System.Globalization.NumberStyles.AllowHexSpecifier, null, out var milliseconds)
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : null;

    /// <summary>An answer that reads a whole number (its truth is a text of digits), not one digit.</summary>
    public bool IsNumber => Endpoint == Endpoints.Read;

    /// <param name="input">Values in [0,1] for images, scaled to bytes; feature values (0..16) kept as they are.</param>
    public static byte[] EncodeInput(ReadOnlySpan<float> input, bool image)
    {
        if (image) return ModelInputEncoding.ToBytes(input);
        var bytes = new byte[input.Length];
        for (var i = 0; i < bytes.Length; i++) bytes[i] = (byte)Math.Clamp(MathF.Round(input[i]), 0, byte.MaxValue);
        return bytes;
    }
}

/// <summary>The endpoints whose answers are kept, by the name stored with each.</summary>
public static class Endpoints
{
    public const string Predict = "predict";
    public const string Batch = "predict/batch";
    public const string Pixels = "predict/pixels";
    public const string Features = "predict/features";
    public const string Read = "read";
}
