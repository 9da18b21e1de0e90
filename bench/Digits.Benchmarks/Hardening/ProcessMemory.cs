namespace Digits.Benchmarks.Hardening;

/// <summary>Samples a process's resident memory (VmRSS) in the background and keeps the largest value seen.</summary>
public sealed class ProcessMemory : IAsyncDisposable
{
    private readonly int _pid;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;

    public ProcessMemory(int pid)
    {
        _pid = pid;
        StartKb = ResidentKb(pid);
        PeakKb = StartKb;
        _sampling = Task.Run(Sample);
    }

    public long StartKb { get; }
    public long PeakKb { get; private set; }

    public static long ResidentKb(int pid) =>
        long.Parse(File.ReadLines($"/proc/{pid}/status").First(l => l.StartsWith("VmRSS:")).Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]);

    private async Task Sample()
    {
        while (!_stop.IsCancellationRequested)
        {
            PeakKb = Math.Max(PeakKb, ResidentKb(_pid));
            try
            {
                await Task.Delay(50, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                // Sampling is over.
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _sampling;
        _stop.Dispose();
    }
}
