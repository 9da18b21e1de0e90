using Digits.Imaging;
using Digits.Inference;

namespace Digits.Server.Monitoring;

/// <summary>
/// Loads the default models and takes a drawn digit through decoding, preprocessing and ONNX Runtime while the
/// host is still being composed (the two take about as long, and there are two cores), so that the server
/// answers sooner after start and its first request finds every library loaded and every method compiled.
/// Failures are reported by <see cref="ModelWatcher"/>, which waits for this before its first look at the models.
/// </summary>
public sealed class StartupWarmup : IDisposable
{
    private StartupWarmup(Task completion) => Completion = completion;

    public Task Completion { get; }

    public static StartupWarmup Start(ModelRegistry models) => new(Task.Run(() => Warm(models)));

    /// <summary>Waits for loading to end (its outcome is <see cref="ModelWatcher"/>'s to report): a server that fails
    /// to start must not exit while ONNX Runtime is still creating a session.</summary>
    public void Dispose() => ((IAsyncResult)Completion).AsyncWaitHandle.WaitOne();

    private static void Warm(ModelRegistry models)
    {
        models.Warm();
        var input = DigitPreprocessor.Process(ImageDecoder.Decode(SyntheticDigit.Png()));
        if (models.DefaultForImages() is { TakesImages: true } model) model.Run(input, 1);
    }
}
