using System.Threading.Channels;
using Digits.Feedback;
using Digits.Inference;
using Digits.Inference.Reading;
using Digits.Server.Monitoring;
using Prometheus;

namespace Digits.Server.Feedback;

/// <summary>
/// Gives every answer its id and keeps it for feedback: answers are queued on the request path and written to the
/// store in batches by this background service, so that storage costs a request almost nothing. When the queue is
/// full (the store cannot keep up) answers are counted as dropped rather than slowing the API down.
/// </summary>
public sealed class AnswerLog : BackgroundService
{
    private const int QueueCapacity = 50_000;
    private const int LargestWrite = 1_000;
    /// <summary>How long answers gather before a write, unless feedback is waiting: fewer, larger transactions cost the server less.</summary>
    private static readonly TimeSpan GatherFor = TimeSpan.FromMilliseconds(100);

    /// <summary>An answer given by any server on the store is there this soon (another replica's queue cannot be flushed from here).</summary>
    public static readonly TimeSpan StoredWithin = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan TrimEvery = TimeSpan.FromMinutes(1);

    private readonly Channel<Entry> _queue = Channel.CreateBounded<Entry>(new BoundedChannelOptions(QueueCapacity)
        { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
    private readonly PredictionMetrics _metrics;
    private readonly Retention _retention;
    private readonly ILogger<AnswerLog> _logger;
    private readonly Counter _dropped;
    private TaskCompletionSource _flushRequested = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>A queued answer, or a marker whose task completes once everything queued before it is written.</summary>
    private readonly record struct Entry(StoredPrediction? Answer, TaskCompletionSource? Written);

    public AnswerLog(IFeedbackStore? store, ServerOptions options, PredictionMetrics metrics, CollectorRegistry registry, ILogger<AnswerLog> logger)
    {
        Store = store;
        _metrics = metrics;
        _retention = options.FeedbackRetention;
        _logger = logger;
        _dropped = Metrics.WithCustomRegistry(registry).CreateCounter("digits_answers_not_stored_total",
            "Answers given but not kept for feedback: the store was full of work or failed.");
    }

    /// <summary>Null when feedback is switched off.</summary>
    public IFeedbackStore? Store { get; }

    public Retention Retention => _retention;

    /// <returns>The answer's id, for feedback.</returns>
    public string Keep(Prediction prediction, string endpoint)
    {
        _metrics.Record(prediction);
        var id = StoredPrediction.NewId();
        Enqueue(() => new StoredPrediction(id, DateTimeOffset.UtcNow, prediction.Model, endpoint, prediction.Digit.ToString(), prediction.Confidence,
            prediction.NeedsReview, StoredPrediction.EncodeInput(prediction.Input, image: endpoint != Endpoints.Features)));
        return id;
    }

    public string Keep(NumberReading reading)
    {
        foreach (var digit in reading.Digits) _metrics.Record(digit.Digit, digit.Confidence, reading.Model);
        var id = StoredPrediction.NewId();
        Enqueue(() => new StoredPrediction(id, DateTimeOffset.UtcNow, reading.Model, Endpoints.Read, reading.Text, reading.Confidence, reading.NeedsReview,
            StoredPrediction.EncodeInput(reading.Digits.SelectMany(d => d.Input).ToArray(), image: true)));
        return id;
    }

    /// <summary>Waits until every answer given so far is in the store, so that feedback can find it.</summary>
    public async Task FlushAsync(CancellationToken cancellation)
    {
        if (Store is null) return;
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await _queue.Writer.WriteAsync(new Entry(null, written), cancellation);
        _flushRequested.TrySetResult();
        await written.Task.WaitAsync(cancellation);
    }

    private void Enqueue(Func<StoredPrediction> answer)
    {
        if (Store is not null && !_queue.Writer.TryWrite(new Entry(answer(), null))) _dropped.Inc();
    }

    protected override async Task ExecuteAsync(CancellationToken stopping)
    {
        if (Store is null) return;
        var lastTrim = DateTimeOffset.MinValue;
        var writtenSinceTrim = 0;
        var batch = new List<StoredPrediction>();
        var markers = new List<TaskCompletionSource>();
        // Reads until the queue is completed at shutdown, so that answers given before it are still written.
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < LargestWrite && _queue.Reader.TryRead(out var entry))
            {
                if (entry.Answer is { } answer) batch.Add(answer);
                else markers.Add(entry.Written!);
            }
            await WriteAsync(batch);
            foreach (var marker in markers) marker.TrySetResult();
            writtenSinceTrim += batch.Count;
            batch.Clear();
            markers.Clear();
            // Trimmed every minute, and sooner under heavy traffic, so the store never holds much more than it keeps.
            if (DateTimeOffset.UtcNow - lastTrim > TrimEvery || writtenSinceTrim > _retention.MaxPredictions / 10)
            {
                lastTrim = DateTimeOffset.UtcNow;
                writtenSinceTrim = 0;
                await TrimAsync();
            }
            if (_flushRequested.Task.IsCompleted) _flushRequested = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            else await Task.WhenAny(Task.Delay(GatherFor, CancellationToken.None), _flushRequested.Task);
        }
    }

    public override async Task StopAsync(CancellationToken cancellation)
    {
        _queue.Writer.TryComplete();
        await base.StopAsync(cancellation);
    }

    public override void Dispose()
    {
        base.Dispose();
        Store?.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    private async Task WriteAsync(List<StoredPrediction> batch)
    {
        try
        {
            await Store!.AddAsync(batch);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _dropped.Inc(batch.Count);
            _logger.LogError(e, "{Count} answers could not be written to the feedback store ({Store})", batch.Count, Store!.Description);
        }
    }

    private async Task TrimAsync()
    {
        try
        {
            await Store!.TrimAsync(_retention, DateTimeOffset.UtcNow);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogError(e, "Old answers could not be removed from the feedback store ({Store})", Store!.Description);
        }
    }
}
