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
            PrincipalRepaid = Position(loan, p)?.PrincipalReceived ?? 0m,
            InterestReceived = Position(loan, p)?.InterestReceived ?? 0m,
        });
    }

    /// <summary>
    /// Queues every accepted lender's running totals after a repayment, replacing older ones not yet delivered (the
    /// totals are running ones: the newest says everything), so the outbox holds at most one per lender.
    /// </summary>
    public static void EnqueueLenderTotals(LoanState loan, Guid repaymentId)
    {
        foreach (var position in loan.Servicing?.Lenders ?? [])
        {
            var p = loan.Participant(position.ParticipantId);
            loan.Outbox.RemoveAll(m => m is LenderTotalsMessage old && old.ParticipantId == p.ParticipantId);
            Add(loan, new LenderTotalsMessage
            {
                NormalizedEmail = p.NormalizedEmail,
                LoanId = loan.LoanId,
                ParticipantId = p.ParticipantId,
                RepaymentId = repaymentId,
                Version = loan.Version,
                LoanStatus = loan.Status,
                PrincipalRepaid = position.PrincipalReceived,
                InterestReceived = position.InterestReceived,
            });
        }
    }

    private static Servicing.LenderPosition? Position(LoanState loan, ParticipantState p) =>
        loan.Servicing?.Lenders.Find(l => l.ParticipantId == p.ParticipantId);

    /// <summary>
    /// Queues the invitation mails to the participants invited at <paramref name="invitedAt"/> (one command's
    /// invitations): one small message per command rather than per lender, so a loan at every cap with its whole
    /// outbox undelivered still fits one item. Each mail is sent once, however often the message is delivered.
    /// </summary>
    public static void EnqueueMail(LoanState loan, DateTimeOffset invitedAt) =>
        Add(loan, new InvitationMailMessage { LoanId = loan.LoanId, InvitedAt = invitedAt, Version = loan.Version });

    /// <summary>Queues a servicing mail to the borrower (written from the loan as it stands when delivered).</summary>
    public static void EnqueueServicingMail(LoanState loan, string notice, int installment) =>
        Add(loan, new ServicingMailMessage { LoanId = loan.LoanId, Notice = notice, InstallmentNumber = installment, Version = loan.Version });

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
