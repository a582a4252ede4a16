using PrivateLending.Grains.Abstractions.Audit;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Audit: each commit queues the change's entries (<see cref="LoanAudit"/>) in the outbox of the same write; the
/// outbox delivers them to the audit log after the write and re-sends them until acknowledged.
/// </summary>
public sealed partial class LoanGrain
{
    /// <summary>Call right before the write of <paramref name="next"/>.</summary>
    private void CaptureAudit(LoanState next) =>
        LoanOutbox.EnqueueAudit(next, LoanAudit.Entries(_current, next, clock.GetUtcNow(), AuditContext.Current()));
}
