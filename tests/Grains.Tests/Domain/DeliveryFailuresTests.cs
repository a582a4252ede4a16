using Orleans.Runtime;
using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>Which delivery failures park an update (permanent) and which are retried (transient), also when wrapped.</summary>
public sealed class DeliveryFailuresTests
{
    public static TheoryData<Exception, string?> Cases => new()
    {
        { new GrainStateTooLargeException("g", "lender", 409_638, 409_600), nameof(GrainStateTooLargeException) },
        { new OrleansException("call failed", new GrainStateTooLargeException()), nameof(GrainStateTooLargeException) },
        { new DomainException(DomainErrorCode.Validation, "bad"), "DomainException:Validation" },
        { new FormatException("not a guid"), nameof(FormatException) },
        { new DomainException(DomainErrorCode.Conflict, "busy"), null },
        { new DomainException(DomainErrorCode.PreconditionFailed, "stale"), null },
        { new StorageThrottledException(), null },
        { new OrleansException("call failed", new StorageUnavailableException()), null },
        { new InconsistentStateException("etag"), null },
        { new TimeoutException(), null },
        { new InvalidOperationException("unknown"), null },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void PermanentReason_Failure_ParkedOnlyWhenRetryCanNeverSucceed(Exception failure, string? expected) =>
        Assert.Equal(expected, DeliveryFailures.PermanentReason(failure));
}
