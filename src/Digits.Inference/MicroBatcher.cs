using System.Threading.Channels;

namespace Digits.Inference;

/// <summary>
/// Coalesces concurrent single-input requests for one model into batched runs: each worker takes the first
/// waiting request, adds whatever else is queued (up to the batch limit, optionally waiting briefly for
/// more), runs them in one call and hands each caller its own row of probabilities.
/// </summary>
public sealed class MicroBatcher : IAsyncDisposable
{
    private sealed record Request(float[] Input, TaskCompletionSource<float[]> Answer);

    private readonly OnnxModel _model;
    private readonly EngineOptions _options;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleWriter = false });
    private readonly Task[] _workers;

    public MicroBatcher(OnnxModel model, EngineOptions options)
    {
        _model = model;
        _options = options;
        _workers = Enumerable.Range(0, Math.Max(1, options.Workers)).Select(_ => Task.Run(Work)).ToArray();
    }

    /// <summary>Model runs made so far; fewer than requests when batching worked.</summary>
    public long Runs => Interlocked.Read(ref _runs);
    private long _runs;

    public Task<float[]> RunAsync(float[] input)
    {
        var answer = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        // A request that reached this batcher as it stopped (its model retired under a hold) runs on its own.
        return _queue.Writer.TryWrite(new Request(input, answer)) ? answer.Task : Task.FromResult(_model.Run(input, 1));
    }

    private async Task Work()
    {
        var batch = new List<Request>(_options.MaxBatch);
        var inputs = new float[_options.MaxBatch * _model.InputLength];
        var outputs = new float[_options.MaxBatch * _model.ClassCount];
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            if (!_queue.Reader.TryRead(out var first)) continue;
            batch.Add(first);
            await Fill(batch);
            try
            {
                for (var i = 0; i < batch.Count; i++) batch[i].Input.CopyTo(inputs, i * _model.InputLength);
                _model.Run(inputs.AsMemory(0, batch.Count * _model.InputLength), batch.Count, outputs);
                Interlocked.Increment(ref _runs);
                for (var i = 0; i < batch.Count; i++)
                    batch[i].Answer.SetResult(outputs.AsSpan(i * _model.ClassCount, _model.ClassCount).ToArray());
            }
            catch (Exception e)
            {
                foreach (var request in batch) request.Answer.TrySetException(e);
            }
        }
    }

    private async Task Fill(List<Request> batch)
    {
        while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
        if (_options.MaxWait <= TimeSpan.Zero || batch.Count >= _options.MaxBatch) return;
        using var deadline = new CancellationTokenSource(_options.MaxWait);
        try
        {
            while (batch.Count < _options.MaxBatch && await _queue.Reader.WaitToReadAsync(deadline.Token))
                while (batch.Count < _options.MaxBatch && _queue.Reader.TryRead(out var next)) batch.Add(next);
        }
        catch (OperationCanceledException)
        {
            // The wait is over: run what has gathered.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_workers);
    }
}
