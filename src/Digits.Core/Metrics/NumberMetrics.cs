namespace Digits.Core.Metrics;

/// <summary>
/// How a reader does on one kind of number image: numbers, the share read exactly, the share of their digits read
/// right (<see cref="TextDistance.DigitsRight"/>), the share flagged for review and the exact share of the rest.
/// </summary>
public sealed record NumberKindAccuracy(int Numbers, double Exact, double DigitsRight, double Flagged, double UnflaggedExact);

/// <summary>A reader's accuracy on the number evaluation set, per kind of image and over all of them.</summary>
public sealed record NumberMetrics(double Exact, double DigitsRight, IReadOnlyDictionary<string, NumberKindAccuracy> Kinds, int Seed);
