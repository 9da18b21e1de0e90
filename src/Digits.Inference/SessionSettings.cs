using Microsoft.ML.OnnxRuntime;

namespace Digits.Inference;

/// <summary>
/// ONNX Runtime settings for serving on a small CPU: one thread per run, because concurrent requests already
/// occupy every core and a single digit costs microseconds, far less than waking a thread pool.
/// Every session Digits creates goes through here, so ONNX Runtime's telemetry is off before the first one.
/// </summary>
public static class SessionSettings
{
    public static SessionOptions Create(int intraOpThreads = 1)
    {
        OnnxRuntimeTelemetry.EnsureOptedOut();
        var options = new SessionOptions
        {
            GraphOptimizationLevel = GraphOptimizationLevel.ORT_ENABLE_ALL,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
            IntraOpNumThreads = intraOpThreads,
            InterOpNumThreads = 1,
        };
        options.AddSessionConfigEntry("session.intra_op.allow_spinning", "0");
        return options;
    }
}
