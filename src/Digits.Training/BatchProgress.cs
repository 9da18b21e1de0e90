namespace Digits.Training;

/// <summary>Where an epoch stands after a batch, for a live progress bar.</summary>
public sealed record BatchProgress(int Epoch, int Epochs, int Batch, int Batches, double Loss, double Accuracy);
