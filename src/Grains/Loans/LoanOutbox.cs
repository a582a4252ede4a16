using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Queues messages in the loan's outbox (in the same state write as the change), numbered in order. Receivers are
/// sets keyed by loan or participant id ordered by loan version, so re-sending is harmless.
/// </summary>
internal static class LoanOutbox
{
    public static void EnqueueBorrower(LoanState loan) =>
        Add(loan, new BorrowerIndexMessage { BorrowerId = loan.BorrowerId, LoanId = loan.LoanId, CreatedAt = loan.CreatedAt, Version = loan.Version });

    /// <summary>
    /// Queues the lender-index update for a participant (its status and the loan's, at the loan's current version),
    /// replacing an older one not yet delivered.
    /// </summary>
    public static void EnqueueLender(LoanState loan, ParticipantState p)
    {
        loan.Outbox.RemoveAll(m => m is LenderIndexMessage old && old.ParticipantId == p.ParticipantId);
        Add(loan, new LenderIndexMessage
        {
            NormalizedEmail = p.NormalizedEmail,
            LoanId = loan.LoanId,
            ParticipantId = p.ParticipantId,
            Status = p.Status,
            ContributionAmount = p.ContributionAmount,
            InvitedAt = p.InvitedAt,
            Version = loan.Version,
            LoanStatus = loan.Status,
        });
    }

    /// <summary>
    /// Queues the invitation mails to the participants invited at <paramref name="invitedAt"/> (one command's
    /// invitations): one small message per command rather than per lender, so a loan at every cap with its whole
    /// outbox undelivered still fits one item. Each mail is sent once, however often the message is delivered.
    /// </summary>
    public static void EnqueueMail(LoanState loan, DateTimeOffset invitedAt) =>
        Add(loan, new InvitationMailMessage { LoanId = loan.LoanId, InvitedAt = invitedAt, Version = loan.Version });

    public static void EnqueueAudit(LoanState loan, IEnumerable<AuditEntry> entries)
    {
        foreach (var entry in entries)
        {
            Add(loan, new AuditMessage { Entry = entry });
        }
    }

    /// <summary>Numbers <paramref name="message"/> and appends it.</summary>
    public static void Add(LoanState loan, OutboxMessage message)
    {
        message.Seq = loan.NextOutboxSeq++;
        loan.Outbox.Add(message);
    }

    /// <summary>One call per destination, carrying every message queued for it.</summary>
    public static IEnumerable<List<OutboxMessage>> Batches(IEnumerable<OutboxMessage> pending) =>
        pending.GroupBy(m => m.Destination, StringComparer.Ordinal).Select(g => g.ToList());

    public static void Remove(LoanState loan, IReadOnlySet<long> delivered) =>
        loan.Outbox.RemoveAll(m => delivered.Contains(m.Seq));
}
