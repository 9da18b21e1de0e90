namespace Digits.Core.Metrics;

/// <summary>How a model does on one kind of real-world image: images, the share read right, and how many were refused as having no digit.</summary>
public sealed record KindAccuracy(int Images, double Accuracy, int Refused);

/// <summary>A model's accuracy on the real-world evaluation set, per kind of image and over all of them.</summary>
public sealed record RealWorldMetrics(double Accuracy, IReadOnlyDictionary<string, KindAccuracy> Kinds, int Seed);
