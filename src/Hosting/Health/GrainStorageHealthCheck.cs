using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivateLending.Grains.Abstractions.Health;

namespace PrivateLending.Hosting.Health;

/// <summary>
/// Readiness: one call to the health grain, which reads its state from grain storage on every call, so an answer
/// proves the whole path works: (gateway,) silo and storage. Works in the API (cluster client) and in a silo.
/// </summary>
internal sealed class GrainStorageHealthCheck(IGrainFactory grains) : IHealthCheck
{
    public const string GrainKey = "ready";

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await grains.GetGrain<IHealthGrain>(GrainKey).CheckAsync().WaitAsync(HealthDefaults.ReadyTimeout, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The type is enough to tell a down silo from a down storage; the message may name hosts.
            return HealthCheckResult.Unhealthy($"The grain round trip failed ({ex.GetType().Name}).");
        }
    }
}
