using Microsoft.ML.OnnxRuntime;

namespace Digits.Inference;

/// <summary>
/// ONNX Runtime settings for a small CPU. Serving runs one thread per run, because concurrent requests already
/// occupy every core and a single digit costs microseconds, far less than waking a thread pool. Scoring a data
/// set runs one big batch on every core, whose threads spin between operators rather than sleep (8 % more images
/// per second for `cnn` at batch 32 on 2 threads; with one thread there is nothing to spin).
/// Every session Digits creates goes through here, so ONNX Runtime's telemetry is off before the first one.
/// </summary>
public static class SessionSettings
{
    public static SessionOptions Create(int intraOpThreads = 1)
    {
        OnnxRuntimeTelemetry.EnsureOptedOut();
        return new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
        };
    }
}
