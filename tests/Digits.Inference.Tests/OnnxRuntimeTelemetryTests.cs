using System.Diagnostics;
using Digits.Tests.Shared;

namespace Digits.Inference.Tests;

public sealed class OnnxRuntimeTelemetryTests
{
    [Fact]
    public void Loading_and_running_a_model_leaves_no_telemetry_behind()
    {
        var processStart = Process.GetCurrentProcess().StartTime.ToUniversalTime();
        using var model = TrainedModels.LoadCnn();
        model.Run(new float[model.InputLength], 1);

        // Where ONNX Runtime keeps its device id and the events it has yet to upload, when its telemetry is on.
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var telemetry = new DirectoryInfo(Path.Combine(home, ".cache", "Microsoft", "DeveloperTools", ".onnxruntime"));
        var writtenByThisProcess = telemetry.Exists
            ? telemetry.EnumerateFiles().Where(file => file.LastWriteTimeUtc >= processStart).Select(file => file.Name).ToArray()
            : [];
        Assert.Empty(writtenByThisProcess);
    }
}
