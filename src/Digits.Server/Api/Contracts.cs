using Digits.Inference;

namespace Digits.Server.Api;

/// <summary>The answer of /predict, /predict/pixels and each item of /predict/batch.</summary>
/// <param name="NeedsReview">A person should check the answer: its confidence is below the model's review threshold (or ?review_threshold=), or the picture does not look like one digit.</param>
/// <param name="Input">Only with ?include_input=true: the 28x28 image the model saw, 784 values in [0,1].</param>
public sealed record PredictionResponse(int Prediction, float Confidence, float[] Probabilities, double PredictionTimeMs, string Model, bool NeedsReview,
    float[]? Input = null)
{
    public static PredictionResponse From(Prediction p, bool includeInput) =>
        new(p.Digit, p.Confidence, p.Probabilities, Math.Round(p.PredictionTimeMs, 4), p.Model, p.NeedsReview, includeInput ? p.Input : null);
}

public sealed record BatchResponse(IReadOnlyList<PredictionResponse> Results);

/// <summary>The 8x8 seed's answer, exactly: prediction and confidence.</summary>
public sealed record FeaturesResponse(int Prediction, float Confidence);

/// <param name="Pixels">784 numbers in 0..255, row-major 28x28, white ink on black.</param>
public sealed record PixelsRequest(double[]? Pixels);

/// <param name="Features">Exactly 64 numbers in 0..16, row-major 8x8.</param>
public sealed record FeaturesRequest(double[]? Features);
