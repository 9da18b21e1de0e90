using BenchmarkDotNet.Attributes;
using Digits.Inference;

namespace Digits.Benchmarks;

/// <summary>ONNX Runtime alone, float and int8: one image, and batches up to 256 (images per second = batch / mean).</summary>
[MemoryDiagnoser]
public class ModelBenchmarks
{
    private OnnxModel _model = null!;
    private float[] _inputs = [];
    private float[] _outputs = [];

    [Params("cnn")]
    public string Model { get; set; } = "cnn";

    [Params(false, true)]
    public bool Int8 { get; set; }

    [Params(1, 32, 256)]
    public int Batch { get; set; }

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _model = BenchmarkInputs.LoadModel(Model, Int8, Threads);
        _inputs = BenchmarkInputs.TestImages(Batch);
        _outputs = new float[Batch * _model.ClassCount];
    }

    [Benchmark]
    public void Run() => _model.Run(_inputs, Batch, _outputs);

    [GlobalCleanup]
    public void Cleanup() => _model.Dispose();
}
