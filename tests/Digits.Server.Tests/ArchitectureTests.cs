using System.Reflection;

namespace Digits.Server.Tests;

public sealed class ArchitectureTests
{
    private static IEnumerable<AssemblyName> References(Assembly root)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<AssemblyName>([root.GetName()]);
        while (pending.TryPop(out var name))
        {
            if (!seen.Add(name.Name!) || !name.Name!.StartsWith("Digits", StringComparison.Ordinal)) continue;
            foreach (var reference in Assembly.Load(name).GetReferencedAssemblies())
            {
                yield return reference;
                pending.Push(reference);
            }
        }
    }

    [Fact]
    public void The_server_never_references_TorchSharp()
    {
        var names = References(typeof(DigitsServer).Assembly).Select(r => r.Name).ToHashSet();
        Assert.Contains("Microsoft.ML.OnnxRuntime", names);
        Assert.DoesNotContain("TorchSharp", names);
        Assert.DoesNotContain("Digits.Training", names);
    }
}
