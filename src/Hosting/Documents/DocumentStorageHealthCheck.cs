using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PrivateLending.Hosting.Documents;

/// <summary>Readiness: the documents bucket answers (and exists, or was just made).</summary>
internal sealed class DocumentStorageHealthCheck(S3DocumentObjects objects) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await objects.EnsureBucketAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy("Document storage (S3) does not answer.", ex);
        }
    }
}
