using Microsoft.Extensions.Diagnostics.HealthChecks;
using PrivateLending.Grains.Abstractions.Health;
using PrivateLending.Grains.Abstractions.Storage;

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
        catch (Exception ex) when (IsThrottled(ex))
        {
            // Reachable but busy: the API answers 429 + Retry-After, which clients retry; leaving the load balancer
            // would only turn those into connection errors (Degraded is still 200).
            return HealthCheckResult.Degraded("Grain storage is throttling requests.");
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The type is enough to tell a down silo from a down storage; the message may name hosts.
            return HealthCheckResult.Unhealthy($"The grain round trip failed ({ex.GetType().Name}).");
        }
    }

    /// <summary>Orleans wraps a storage provider's exception on a state read: look through the chain.</summary>
    private static bool IsThrottled(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is StorageThrottledException)
            {
                return true;
            }
        }

        return false;
    }
}
