using Orleans.Concurrency;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Operators' access to a loan's undeliverable index updates. Silo-internal: it lives in the grains assembly, which
/// the API does not reference, so no REST route can reach it.
/// </summary>
public interface ILoanParkingGrain : IGrainWithGuidKey
{
    /// <summary>How many updates wait in the outbox and which ones are parked (no email: targets are left out).</summary>
    [AlwaysInterleave]
    Task<OutboxReport> GetOutboxReportAsync();

    /// <summary>Puts the parked updates back in the outbox (one write) and delivers them; the number re-queued.</summary>
    Task<int> RequeueParkedAsync();
}
