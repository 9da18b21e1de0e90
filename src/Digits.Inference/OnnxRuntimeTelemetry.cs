using System.Runtime.InteropServices;

namespace Digits.Inference;

/// <summary>
/// ONNX Runtime (1.29 and later) sends usage telemetry to Microsoft from Linux and macOS, and keeps a device id
/// and an event database under ~/.cache, unless ORT_DISABLE_TELEMETRY=1 is set when its environment is created.
/// A digit recognizer embedded in someone's product must not report on it, so Digits opts out before the first
/// session, unless the user set the variable themselves. .NET keeps its own copy of the environment on Unix,
/// which native code never reads: the variable goes into the C library's environment.
/// </summary>
public static class OnnxRuntimeTelemetry
{
    public const string Variable = "ORT_DISABLE_TELEMETRY";

    private static readonly Lazy<int> OptedOut = new(OptOut);

    public static void EnsureOptedOut() => _ = OptedOut.Value;

    private static int OptOut() =>
        Environment.GetEnvironmentVariable(Variable) is null && (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS())
            ? SetNativeVariable(Variable, "1", overwrite: 0)
            : 0;

    [DllImport("libc", EntryPoint = "setenv")]
    private static extern int SetNativeVariable([MarshalAs(UnmanagedType.LPUTF8Str)] string name, [MarshalAs(UnmanagedType.LPUTF8Str)] string value, int overwrite);
}
