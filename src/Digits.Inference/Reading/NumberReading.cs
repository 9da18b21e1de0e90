using Digits.Imaging.Reading;

namespace Digits.Inference.Reading;

/// <summary>One digit of a number: what it is, how sure the model is, where it is in the uploaded image.</summary>
/// <param name="NeedsReview">Its confidence is below the review threshold.</param>
/// <param name="Input">The 28x28 image the model saw, 784 values in [0,1].</param>
public sealed record ReadDigit(int Digit, float Confidence, float[] Probabilities, DigitBox Box, bool NeedsReview, float[] Input);

/// <summary>A number read from one image, its digits left to right.</summary>
/// <param name="Confidence">The chance that the whole text is right: the product of its digits' calibrated confidences.</param>
/// <param name="NeedsReview">A person should check it: a digit needs review, or the cuts between digits were a close call, or a sizeable mark was left out, or the count differs from the length expected.</param>
public sealed record NumberReading(string Text, double Confidence, bool NeedsReview, IReadOnlyList<ReadDigit> Digits, string Model, double PredictionTimeMs);
