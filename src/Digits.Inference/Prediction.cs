namespace Digits.Inference;

/// <param name="Input">What the model saw: 784 values in [0,1] for images, the 64 features for 8x8 digits.</param>
/// <param name="NeedsReview">A person should check it: its confidence is below the review threshold, or the picture did not look like one digit.</param>
public sealed record Prediction(int Digit, float Confidence, float[] Probabilities, double PredictionTimeMs, string Model, float[] Input, bool NeedsReview);
