using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Grains.Common;

/// <summary>
/// Tells a delivery failure that retrying can never fix from one that may pass. Permanent: the target's state would
/// pass the storage item limit (<see cref="GrainStateTooLargeException"/>), the target refused the update by a rule
/// (<see cref="DomainException"/> other than Conflict and PreconditionFailed, which depend on the target's current
/// state), or the update names no valid target (<see cref="ArgumentException"/>, <see cref="FormatException"/>).
/// Everything else is transient and retried: throttling, outages, time-outs, write conflicts, a silo going away,
/// and any failure not recognised here (unknown is never given up on).
/// </summary>
internal static class DeliveryFailures
{
    /// <summary>The reason to park the update (exception type, and code for a refusal), or null to keep retrying.</summary>
    public static string? PermanentReason(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case StorageThrottledException or StorageUnavailableException or InconsistentStateException
                    or TimeoutException or OperationCanceledException:
                    return null;
                case GrainStateTooLargeException:
                    return nameof(GrainStateTooLargeException);
                case DomainException refused when refused.Code is not (DomainErrorCode.Conflict or DomainErrorCode.PreconditionFailed):
                    return $"{nameof(DomainException)}:{refused.Code}";
                case ArgumentException or FormatException:
                    return e.GetType().Name;
            }
        }

        return null;
    }
}
