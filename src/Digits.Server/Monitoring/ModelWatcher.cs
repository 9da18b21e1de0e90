using Digits.Inference;

namespace Digits.Server.Monitoring;

/// <summary>
/// Reports how loading the default models at start-up went (<see cref="StartupWarmup"/>; the server listens at once
/// and readiness flips when they are in), then picks up new versions as they are published: a file watcher reacts within
/// moments, and a slow poll catches what watchers miss (network file systems, a folder created later). Versions a newer
/// one replaced are unloaded once nobody has asked for them by name for a while.
/// </summary>
public sealed class ModelWatcher(ModelRegistry models, InferenceEngine engine, StartupWarmup warmup, ILogger<ModelWatcher> logger) : BackgroundService
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan UnloadUnusedAfter = TimeSpan.FromMinutes(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.Yield();
        await Report(warmup.Completion);
        using var watcher = CreateWatcher();
        using var timer = new PeriodicTimer(PollInterval);
        while (await NextTick(timer, stoppingToken))
        {
            try
            {
                var before = models.DefaultForImages()?.Id;
                models.Refresh();
                models.Warm();
                var after = models.DefaultForImages()?.Id;
                if (after != before)
                    logger.LogInformation("Serving {Model} for /predict", after ?? "nothing");
                foreach (var unloaded in models.UnloadUnneeded(UnloadUnusedAfter))
                {
                    await engine.ForgetAsync(unloaded);
                    logger.LogInformation("Unloaded {Model}: a newer version replaced it, or it left the models folder", unloaded.Id);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One model's failure, or a folder removed mid-listing, must never stop the watching.
                WarnCouldNotLoad(e);
            }
        }
    }

    private async Task Report(Task loading)
    {
        try
        {
            await loading;
        }
        catch (Exception e) when (IsLoadFailure(e))
        {
            WarnCouldNotLoad(e);
        }
    }

    private static bool IsLoadFailure(Exception e) =>
        e is IOException or UnauthorizedAccessException or ModelLoadException or Microsoft.ML.OnnxRuntime.OnnxRuntimeException;

    private void WarnCouldNotLoad(Exception e) => logger.LogWarning("Could not load models from {Root}: {Reason}", models.Root, e.Message);

    private static async Task<bool> NextTick(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private FileSystemWatcher? CreateWatcher()
    {
        if (!Directory.Exists(models.Root)) return null;
        var watcher = new FileSystemWatcher(models.Root) { IncludeSubdirectories = true, EnableRaisingEvents = true };
        watcher.Created += (_, _) => RefreshQuietly();
        watcher.Renamed += (_, _) => RefreshQuietly();
        return watcher;
    }

    /// <summary>Watcher events run on their own threads, where an exception would end the process: the next poll retries.</summary>
    private void RefreshQuietly()
    {
        try
        {
            models.Refresh();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogDebug(e, "The models folder changed while being read; the next poll reads it again");
        }
    }
}
