using static TorchSharp.torch;

namespace Digits.Training;

public static class TorchSetup
{
    /// <summary>Seeds libtorch's global generator (weight initialization, dropout) for a reproducible run.</summary>
    public static void Seed(int seed)
    {
        random.manual_seed(seed);
        set_num_threads(Environment.ProcessorCount);
    }
}
