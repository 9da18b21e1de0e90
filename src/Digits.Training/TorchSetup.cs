using System.Runtime.InteropServices;
using static TorchSharp.torch;

namespace Digits.Training;

public static partial class TorchSetup
{
    private const int TrimThreshold = -1;
    private const int TopPad = -2;
    private const int MmapThreshold = -3;
    private const int LargestHeapAllocation = 32 * 1024 * 1024;
    private const int KeepFreedMemory = 1024 * 1024 * 1024;
    private const int ThreadHeapSize = 64 * 1024 * 1024;
    private static int _configured;

    [LibraryImport("libc", EntryPoint = "mallopt")]
    private static partial int SetMallocOption(int option, int value);

    /// <summary>
    /// Seeds libtorch's global generator (weight initialization, dropout) for a reproducible run, and keeps
    /// libtorch's batch-sized buffers on the heap: by default glibc maps every allocation over 128 KB afresh
    /// and unmaps it when freed, so each batch page-faults all its activations again (on 2 cores that made a
    /// model-card epoch take 17 to 31 s instead of 11). A thread other than the main one allocates from 64 MB
    /// heaps of its own, and glibc unmaps each such heap as soon as it is empty, whatever the trim threshold,
    /// unless the top pad is as large as a heap: without that pad, a champion epoch page-faulted 70,000 times
    /// a second and took 95 s instead of 38.
    /// </summary>
    public static void Seed(int seed)
    {
        if (Interlocked.Exchange(ref _configured, 1) == 0 && OperatingSystem.IsLinux())
        {
            SetMallocOption(MmapThreshold, LargestHeapAllocation);
            SetMallocOption(TrimThreshold, KeepFreedMemory);
            SetMallocOption(TopPad, ThreadHeapSize);
        }
        random.manual_seed(seed);
        set_num_threads(Environment.ProcessorCount);
    }
}
