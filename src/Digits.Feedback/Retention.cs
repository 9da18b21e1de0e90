namespace Digits.Feedback;

/// <summary>How much of the past the store keeps: at most this many answers, none older than this.</summary>
public sealed record Retention(int MaxPredictions, TimeSpan MaxAge);
