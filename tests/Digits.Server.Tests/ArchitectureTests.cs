using System.Reflection;
using Digits.Core.Models;
using Digits.Data;
using Digits.Imaging;
using Digits.Inference;
using Digits.Training;

namespace Digits.Server.Tests;

/// <summary>Dependencies point one way: Core &lt;- Imaging &lt;- Inference &lt;- Server, Core &lt;- Data, and only Training loads libtorch.</summary>
public sealed class ArchitectureTests
{
    private static IEnumerable<string> Direct(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(r => r.Name!).Where(n => !IsBaseLibrary(n));

    private static bool IsBaseLibrary(string name) =>
        name is "netstandard" or "mscorlib" || name.StartsWith("System.", StringComparison.Ordinal)
                                           || name.StartsWith("Microsoft.Win32.", StringComparison.Ordinal);

    private static IReadOnlySet<string> Transitive(Assembly root)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<AssemblyName>([root.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || !name.Name!.StartsWith("Digits", StringComparison.Ordinal)) continue;
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies()) pending.Push(reference);
        }
        return seen;
    }

    [Fact]
    public void Core_references_only_the_base_library() =>
        Assert.Empty(Direct(typeof(ModelMetadata).Assembly));

    [Fact]
    public void Imaging_references_only_Core_and_SkiaSharp() =>
        Assert.Subset(new HashSet<string> { "Digits.Core", "SkiaSharp" }, Direct(typeof(DigitPreprocessor).Assembly).ToHashSet());

    [Fact]
    public void Data_references_only_Core() =>
        Assert.Subset(new HashSet<string> { "Digits.Core" }, Direct(typeof(DatasetFetcher).Assembly).ToHashSet());

    [Fact]
    public void Inference_never_references_TorchSharp_or_the_data_layer()
    {
        var names = Transitive(typeof(OnnxModel).Assembly);
        Assert.Contains("Microsoft.ML.OnnxRuntime", names);
        Assert.DoesNotContain("TorchSharp", names);
        Assert.DoesNotContain("Digits.Data", names);
    }

    [Fact]
    public void The_server_never_references_TorchSharp()
    {
        var names = Transitive(typeof(DigitsServer).Assembly);
        Assert.Contains("Microsoft.ML.OnnxRuntime", names);
        Assert.DoesNotContain("TorchSharp", names);
        Assert.DoesNotContain("Digits.Training", names);
    }

    [Fact]
    public void Training_never_references_ONNX_Runtime() =>
        Assert.DoesNotContain("Microsoft.ML.OnnxRuntime", Transitive(typeof(Trainer).Assembly));
}
