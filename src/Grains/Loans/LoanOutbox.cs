using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Lenders;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's outbox: index updates queued in the same state write as the change, delivered after it, at least
/// once. Receivers are sets keyed by loan/participant id ordered by loan version, so re-sending is harmless.
/// </summary>
internal static class LoanOutbox
{
    public static void EnqueueBorrower(LoanState loan) =>
        loan.Outbox.Add(new PendingIndexUpdate
        {
            Seq = loan.NextOutboxSeq++,
            Kind = IndexTarget.Borrower,
            Target = loan.BorrowerId.ToString("N"),
            LoanId = loan.LoanId,
            At = loan.CreatedAt,
            LoanVersion = loan.Version,
        });

    /// <summary>
    /// Queues the lender-index update for a participant (its status and the loan's, at the loan's current version),
    /// replacing an older one not yet delivered. Call after the change bumped the version.
    /// </summary>
    public static void EnqueueLender(LoanState loan, ParticipantState p)
    {
        loan.Outbox.RemoveAll(u => u.Kind == IndexTarget.Lender && u.ParticipantId == p.ParticipantId);
        loan.Outbox.Add(new PendingIndexUpdate
        {
            Seq = loan.NextOutboxSeq++,
            Kind = IndexTarget.Lender,
            Target = p.NormalizedEmail,
            LoanId = loan.LoanId,
            ParticipantId = p.ParticipantId,
            Status = p.Status,
            ContributionAmount = p.ContributionAmount,
            At = p.InvitedAt,
            LoanVersion = loan.Version,
            LoanStatus = loan.Status,
        });
    }

    /// <summary>Queues audit entries; their ids make a re-send a no-op in the audit store.</summary>
    public static void EnqueueAudit(LoanState loan, IEnumerable<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            loan.Outbox.Add(new PendingIndexUpdate { Seq = loan.NextOutboxSeq++, Kind = IndexTarget.Audit, Target = "audit", LoanId = loan.LoanId, Audit = entry });
        }
    }

    /// <summary>One call per target grain, carrying every update queued for it.</summary>
    public static IEnumerable<(IndexTarget Kind, string Target, List<PendingIndexUpdate> Updates)> Batches(IEnumerable<PendingIndexUpdate> pending) =>
        pending.GroupBy(u => (u.Kind, u.Target)).Select(g => (g.Key.Kind, g.Key.Target, g.ToList()));

    public static Task SendAsync(IGrainFactory grains, IndexTarget kind, string target, List<PendingIndexUpdate> updates) =>
        kind switch
        {
            IndexTarget.Audit => grains.GetGrain<IAuditLogGrain>(0).AppendAsync([.. updates.Select(u => u.Audit!)]),
            IndexTarget.Borrower => grains.GetGrain<IBorrowerGrain>(Guid.ParseExact(target, "N"))
                .AddLoansAsync([.. updates.Select(u => new LoanIndexEntry(u.LoanId, u.At))]),
            _ => grains.GetGrain<ILenderGrain>(target).UpsertAsync([.. updates.Select(u =>
                new InvitationIndexEntry(u.ParticipantId, u.LoanId, u.Status, u.ContributionAmount, u.At, u.LoanVersion, u.LoanStatus))]),
        };

    public static void Remove(LoanState loan, ImmutableHashSet<long> delivered) =>
        loan.Outbox.RemoveAll(u => delivered.Contains(u.Seq));
}
