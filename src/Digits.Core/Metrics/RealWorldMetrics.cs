namespace Digits.Core.Metrics;

/// <summary>
/// How a model does on one kind of real-world image: images, the share read right, how many were refused as having
/// no digit, the share of answers flagged for review and the accuracy of the answers that were not.
/// </summary>
public sealed record KindAccuracy(int Images, double Accuracy, int Refused, double Flagged, double UnflaggedAccuracy);

/// <summary>A model's accuracy on the real-world evaluation set, per kind of image and over all of them.</summary>
public sealed record RealWorldMetrics(double Accuracy, double Flagged, double UnflaggedAccuracy, IReadOnlyDictionary<string, KindAccuracy> Kinds, int Seed);
