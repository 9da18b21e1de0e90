using BenchmarkDotNet.Attributes;
using Digits.Inference;
using Digits.Inference.Reading;

namespace Digits.Benchmarks;

/// <summary>Reading a whole number in process: decoding, segmentation, one batched model run, the choice of cuts.</summary>
[MemoryDiagnoser, MedianColumn]
public class ReadingBenchmarks
{
    private ModelRegistry _registry = null!;
    private OnnxModel _model = null!;
    private byte[] _photo = [];

    [GlobalSetup]
    public void Setup()
    {
        _registry = new ModelRegistry(BenchmarkInputs.ModelsDirectory);
        _model = BenchmarkInputs.ServedModel(_registry);
        _photo = BenchmarkInputs.NumberPhoto();
    }

    [GlobalCleanup]
    public void Cleanup() => _registry.Dispose();

    [Benchmark(Description = "read a 6-digit 400x80 photo")]
    public NumberReading Read() => NumberReader.Read(_model, _photo);
}
