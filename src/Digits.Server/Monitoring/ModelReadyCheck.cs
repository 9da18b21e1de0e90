using Digits.Inference;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Digits.Server.Monitoring;

/// <summary>Ready once a model that /predict can use is loaded in ONNX Runtime.</summary>
public sealed class ModelReadyCheck(ModelRegistry models) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var loaded = models.LoadedModels.Where(m => m.TakesImages).Select(m => m.Id).ToArray();
        return Task.FromResult(loaded.Length > 0
            ? HealthCheckResult.Healthy($"Loaded: {string.Join(", ", loaded)}")
            : HealthCheckResult.Unhealthy($"No image model loaded yet from {models.Root}."));
    }
}
