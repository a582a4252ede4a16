using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Loans.Records;

namespace PrivateLending.Grains.Loans.Changes;

/// <summary>
/// Everything a command's changes cause besides the state itself, added to the new state so that it is stored by
/// the same write: history records and a funding point, index updates, invitation mails, webhook events and audit
/// entries (the last four in the outbox, delivered after the write). Each output is a projection of the changes
/// alone (read against the committed state for current values), never a comparison of two states.
/// </summary>
internal static class LoanProjections
{
    public static void Apply(LoanState next, IReadOnlyList<LoanChange> changes, DateTimeOffset now, AuditRequest? request)
    {
        if (changes.Count == 0)
        {
            return;
        }

        LoanRecords.Record(next, changes, now);
        IndexProjection.Enqueue(next, changes);
        WebhookProjection.Enqueue(next, changes);
        LoanOutbox.EnqueueAudit(next, AuditProjection.Entries(next, changes, now, request));
    }
}
