using System.Diagnostics;
using static TorchSharp.torch;

namespace Digits.Training.Tests;

public sealed class TorchSharpLoadingTests
{
    [Fact]
    public void A_tensor_operation_runs()
    {
        using var a = tensor(new float[] { 1, 2, 3, 4 }, [2, 2]);
        using var product = a.matmul(a);
        Assert.Equal(new float[] { 7, 10, 15, 22 }, product.data<float>().ToArray());
    }

    [Fact]
    public void The_build_weakens_the_libstdcxx_need_only_where_the_system_lacks_it()
    {
        var library = Path.Combine(AppContext.BaseDirectory, "libLibTorchSharp.so");
        var systemHasIt = File.ReadAllText("/usr/lib/x86_64-linux-gnu/libstdc++.so.6").Contains("GLIBCXX_3.4.32\0");
        var versions = Run("readelf", "-V", library);
        var line = versions.Split('\n').Single(l => l.Contains("Name: GLIBCXX_3.4.32"));
        Assert.Equal(!systemHasIt, line.Contains("Flags: WEAK"));
    }

    private static string Run(string tool, params string[] arguments)
    {
        var start = new ProcessStartInfo(tool) { RedirectStandardOutput = true };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        return output;
    }
}
