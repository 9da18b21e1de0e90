using BenchmarkDotNet.Attributes;
using Digits.Imaging;

namespace Digits.Benchmarks;

/// <summary>The cost of turning an uploaded photo into the model's 28x28 input.</summary>
[MemoryDiagnoser]
public class PreprocessingBenchmarks
{
    private byte[] _photo = [];
    private DecodedImage _decoded = null!;

    [GlobalSetup]
    public void Setup()
    {
        _photo = BenchmarkInputs.Photo();
        _decoded = ImageDecoder.Decode(_photo);
    }

    [Benchmark(Description = "decode 560x560 PNG")]
    public DecodedImage Decode() => ImageDecoder.Decode(_photo);

    [Benchmark(Description = "preprocess decoded image to 28x28")]
    public float[] Preprocess() => DigitPreprocessor.Process(_decoded);
}
