using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using PrivateLending.Hosting.Documents;

namespace PrivateLending.Api.Documents;

/// <summary>
/// Uploads a user may start per minute (<c>Documents:UploadsPerMinute</c>), on top of the global request limit: each
/// upload costs a spool file, a hash over up to 10 MB and an S3 write. Sliding, so a burst at a window's edge is not doubled.
/// </summary>
internal sealed class UploadLimiter : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter;

    public UploadLimiter(IOptions<DocumentStorageSettings> settings)
    {
        var options = new SlidingWindowRateLimiterOptions
        {
            PermitLimit = settings.Value.UploadsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            SegmentsPerWindow = 6,
            QueueLimit = 0,
            AutoReplenishment = true,
        };
        _limiter = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetSlidingWindowLimiter(user, _ => options));
    }

    /// <summary>Null when the upload may start; otherwise how long to wait.</summary>
    public TimeSpan? TryStart(Guid userId)
    {
        using var lease = _limiter.AttemptAcquire(userId);
        return lease.IsAcquired
            ? null
            : lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(10);
    }

    public void Dispose() => _limiter.Dispose();
}
