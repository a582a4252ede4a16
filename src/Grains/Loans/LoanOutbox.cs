using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Webhooks;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's outbox: index updates queued in the same state write as the change, delivered after it, at least
/// once. Receivers are sets keyed by loan/participant id ordered by loan version, so re-sending is harmless.
/// A lender update's target is the invited email; it is turned into the lender grain's key when sent.
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

    /// <summary>
    /// Queues the invitation mails to the participants invited at <paramref name="invitedAt"/> (one command's
    /// invitations): one small entry per command rather than per lender, so a loan at every cap with its whole
    /// outbox undelivered still fits one item. Each mail is sent once, however often the entry is delivered.
    /// </summary>
    public static void EnqueueMail(LoanState loan, DateTimeOffset invitedAt) =>
        loan.Outbox.Add(new PendingIndexUpdate
        {
            Seq = loan.NextOutboxSeq++,
            Kind = IndexTarget.Mail,
            Target = loan.LoanId.ToString("N"),
            LoanId = loan.LoanId,
            At = invitedAt,
            LoanVersion = loan.Version,
        });
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

    /// <summary>Delivers <paramref name="updates"/>; false when the target took them but is not done yet (ask again later).</summary>
    public static async Task<bool> SendAsync(IGrainFactory grains, EmailKeys keys, IndexTarget kind, string target, List<PendingIndexUpdate> updates, LoanState loan)
    {
        switch (kind)
        {
            case IndexTarget.Audit:
                await grains.GetGrain<IAuditLogGrain>(0).AppendAsync([.. updates.Select(u => u.Audit!)]);
                return true;
            case IndexTarget.Borrower:
                await grains.GetGrain<IBorrowerGrain>(Guid.ParseExact(target, "N"))
                    .AddLoansAsync([.. updates.Select(u => new LoanIndexEntry(u.LoanId, u.At))]);
                return true;
            case IndexTarget.Webhook:
                await WebhookOutbox.SendAsync(grains, target, updates);
                return true;
            case IndexTarget.Mail:
                return await InvitationMails.SendAsync(grains, updates, loan);
            default:
                await grains.GetGrain<ILenderGrain>(keys.For(target)).UpsertAsync([.. updates.Select(u =>
                    new InvitationIndexEntry(u.ParticipantId, u.LoanId, u.Status, u.ContributionAmount, u.At, u.LoanVersion, u.LoanStatus))]);
                return true;
        }
    }

    public static void Remove(LoanState loan, ImmutableHashSet<long> delivered) =>
        loan.Outbox.RemoveAll(u => delivered.Contains(u.Seq));
}
