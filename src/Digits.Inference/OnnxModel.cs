using System.Diagnostics;
using Digits.Core.Models;
using Microsoft.ML.OnnxRuntime;
using ModelMetadata = Digits.Core.Models.ModelMetadata;

namespace Digits.Inference;

/// <summary>
/// One model version loaded in ONNX Runtime. The session is created once and shared: Run is thread-safe.
/// Input and output names and the input shape are read from the model file, not assumed. A request holds the version
/// it chose (<see cref="TryHold"/>) until it has answered. A version no longer needed is retired: it can no longer be
/// held, and its session is released once the last hold and the last run in flight end; runs after that are refused.
/// </summary>
public sealed class OnnxModel : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _inputName;
    private readonly string _outputName;
    private static readonly RunOptions SharedRunOptions = new();
    private const int RetiredFlag = 1 << 30;
    private const int ReleasedFlag = 1 << 29;
    /// <summary>Holds and runs in flight in the low bits, and whether the version was retired and its session released.</summary>
    private int _state;

    private OnnxModel(InferenceSession session, ModelMetadata metadata, string folder, string file)
    {
        _session = session;
        Metadata = metadata;
        Folder = folder;
        File = file;
        _inputName = session.InputNames.Single();
        _outputName = session.OutputNames.Count == 1 ? session.OutputNames[0] : ModelOutputs.Probabilities;
        TellsNotOneDigit = session.OutputNames.Contains(ModelOutputs.NotOneDigit);
        InputShape = session.InputMetadata[_inputName].Dimensions.Skip(1).Select(d => (long)d).ToArray();
        InputLength = (int)InputShape.Aggregate(1L, (a, b) => a * b);
        ClassCount = session.OutputMetadata[_outputName].Dimensions[^1];
    }

    public ModelMetadata Metadata { get; }
    public string Folder { get; }
    public string File { get; }
    /// <summary>Loading and the first (warm-up) run.</summary>
    public TimeSpan LoadTime { get; private set; }
    public long[] InputShape { get; }
    public int InputLength { get; }
    public int ClassCount { get; }
    /// <summary>The model also returns the chance that an input is not one digit (see <see cref="ReadCandidates"/>).</summary>
    public bool TellsNotOneDigit { get; }

    /// <summary>When a request last asked for this version (<see cref="Environment.TickCount64"/>).</summary>
    public long LastAskedFor { get; set; } = Environment.TickCount64;

    public bool IsRetired => (Volatile.Read(ref _state) & RetiredFlag) != 0;

    /// <summary>NAME@VERSION, with the quantized variant marked.</summary>
    public string Id => $"{Metadata.Name}@{Path.GetFileName(Folder)}{(File == ModelFiles.OnnxInt8 ? "+int8" : "")}";

    public bool TakesImages => InputShape.Length == 3;

    /// <summary>Answers below this confidence need review: fitted on the model's validation data when it was trained.</summary>
    public double ReviewThreshold => Metadata.Review?.Threshold ?? Core.Metrics.ReviewThreshold.Unfitted;

    /// <param name="intraOpThreads">Threads for one run: 1 when requests run side by side (serving); more for one big batch.</param>
    public static OnnxModel Load(string folder, ModelMetadata metadata, string file = ModelFiles.Onnx, int intraOpThreads = 1)
    {
        var clock = Stopwatch.StartNew();
        using var settings = SessionSettings.Create(intraOpThreads);
        var session = new InferenceSession(Path.Combine(folder, file), settings);
        var model = new OnnxModel(session, metadata, folder, file);
        // ONNX Runtime prepares its kernels on the first run (tens of milliseconds): do it here, not in a user's request.
        model.Run(new float[model.InputLength], 1);
        model.LoadTime = clock.Elapsed;
        return model;
    }

    /// <summary>Runs <paramref name="count"/> inputs laid end to end; writes count x classes probabilities.</summary>
    public void Run(ReadOnlyMemory<float> inputs, int count, Memory<float> probabilities) => Run(inputs, count, probabilities, notOneDigit: null);

    /// <param name="notOneDigit">Where to write each input's chance of not being one digit, for a model that tells.</param>
    private void Run(ReadOnlyMemory<float> inputs, int count, Memory<float> probabilities, float[]? notOneDigit)
    {
        if (inputs.Length != count * InputLength)
            throw new ArgumentException($"Expected {count * InputLength} input values, got {inputs.Length}.", nameof(inputs));
        long[] inputShape = [count, .. InputShape];
        if (!TryEnter(whileRetired: true))
            throw new ModelLoadException(Metadata.Name, Path.GetFileName(Folder), "this version was unloaded; ask again for the current one.");
        try
        {
            using var input = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, MemoryOf(inputs), inputShape);
            using var output = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, probabilities[..(count * ClassCount)], [count, ClassCount]);
            if (notOneDigit is not null)
            {
                using var notOne = OrtValue.CreateTensorValueFromMemory(OrtMemoryInfo.DefaultInstance, notOneDigit.AsMemory(0, count), [count, 1]);
                _session.Run(SharedRunOptions, [_inputName], [input], [_outputName, ModelOutputs.NotOneDigit], [output, notOne]);
            }
            else _session.Run(SharedRunOptions, [_inputName], [input], [_outputName], [output]);
        }
        finally
        {
            Exit();
        }
    }

    /// <summary>
    /// Keeps the session for a request that chose this version, however long it takes to read its upload; runs go on
    /// after the version is retired until the hold is disposed.
    /// </summary>
    /// <returns>Null once the version is retired: choose again.</returns>
    public IDisposable? TryHold() => TryEnter(whileRetired: false) ? new Hold(this) : null;

    private sealed class Hold(OnnxModel model) : IDisposable
    {
        private int _ended;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _ended, 1) == 0) model.Exit();
        }
    }

    private bool TryEnter(bool whileRetired)
    {
        while (true)
        {
            var state = Volatile.Read(ref _state);
            if ((state & ReleasedFlag) != 0 || (!whileRetired && (state & RetiredFlag) != 0)) return false;
            if (Interlocked.CompareExchange(ref _state, state + 1, state) == state) return true;
        }
    }

    private void Exit()
    {
        if (Interlocked.Decrement(ref _state) == RetiredFlag) ReleaseIfIdle();
    }

    /// <summary>Refuses new holds, and releases the session once the holds and runs in flight end.</summary>
    public void Retire()
    {
        if ((Interlocked.Or(ref _state, RetiredFlag) & ~RetiredFlag) == 0) ReleaseIfIdle();
    }

    private void ReleaseIfIdle()
    {
        if (Interlocked.CompareExchange(ref _state, RetiredFlag | ReleasedFlag, RetiredFlag) == RetiredFlag) _session.Dispose();
    }

    public float[] Run(ReadOnlySpan<float> inputs, int count)
    {
        var probabilities = new float[count * ClassCount];
        Run(inputs.ToArray(), count, probabilities);
        return probabilities;
    }

    /// <summary>
    /// Runs candidate digits of a number: their probabilities, and the chance that each is one digit at all (1 for
    /// every candidate when the model does not tell).
    /// </summary>
    public (float[] Probabilities, float[] OneDigit) ReadCandidates(ReadOnlySpan<float> inputs, int count)
    {
        var probabilities = new float[count * ClassCount];
        var notOneDigit = new float[count];
        Run(inputs.ToArray(), count, probabilities, TellsNotOneDigit ? notOneDigit : null);
        return (probabilities, notOneDigit.Select(chance => 1 - chance).ToArray());
    }

    // ONNX Runtime takes writable memory but does not write its inputs.
    private static Memory<float> MemoryOf(ReadOnlyMemory<float> memory) =>
        System.Runtime.InteropServices.MemoryMarshal.AsMemory(memory);

    public void Dispose() => _session.Dispose();
}
