using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Loans.Records;
using System.Globalization;

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

/// <summary>
/// One audit entry per change, named as the change. Its id is the change's name, subject and the loan version, so
/// the same change always gives the same id and a re-sent entry is a no-op in the audit store. Bank details are
/// never described.
/// </summary>
internal static class AuditProjection
{
    public static List<AuditEntry> Entries(LoanState after, IReadOnlyList<LoanChange> changes, DateTimeOffset now, AuditRequest? request)
    {
        var version = after.Version.ToString(CultureInfo.InvariantCulture);
        var entries = new List<AuditEntry>(changes.Count);
        foreach (var change in changes)
        {
            // A deadline passing is the system's doing, even when a user's command happened to notice it first.
            var actor = change.BySystem || after.UpdatedBy == Guid.Empty ? (Guid?)null : after.UpdatedBy;
            var (type, id) = change.ParticipantId is { } participant
                ? (AuditRecordTypes.Participant, participant)
                : (AuditRecordTypes.Loan, after.LoanId);
            entries.Add(new AuditEntry($"{change.Name}-{id:N}-v{version}", now, actor, change.Name, type, id.ToString(),
                ChangedFields.Of(change, after), change.BySystem ? null : request));
        }

        return entries;
    }
}

/// <summary>
/// One webhook event per change, named as the change, queued in the outbox with its recipients. The borrower gets
/// every event of the loan; the linked lender of a participation (only verified accounts are linked) gets the
/// events about it; loan-level news other than the creation goes to every linked lender still in (not declined).
/// </summary>
internal static class WebhookProjection
{
    public static void Enqueue(LoanState after, IReadOnlyList<LoanChange> changes)
    {
        var totalFunded = LoanViews.Figures(after).TotalFunded;
        foreach (var change in changes)
        {
            var participant = change.ParticipantId is { } id ? after.Participant(id) : null;
            // One entry per event: the borrower is its target, linked lenders ride along (a loan's end may concern 100).
            var lenders = Recipients(after, change, participant).Where(l => l != after.BorrowerId).Distinct().ToList();
            LoanOutbox.Add(after, new WebhookMessage
            {
                EventType = change.Name,
                BorrowerId = after.BorrowerId,
                Lenders = lenders,
                LoanId = after.LoanId,
                Version = after.Version,
                LoanStatus = after.Status,
                LoanAmount = after.Amount,
                TotalFunded = totalFunded,
                ParticipantId = participant?.ParticipantId ?? Guid.Empty,
                ParticipantStatus = participant?.Status ?? ParticipantStatus.Pending,
                ContributionAmount = participant?.ContributionAmount ?? 0m,
                OccurredAt = after.UpdatedAt,
            });
        }
    }

    private static IEnumerable<Guid> Recipients(LoanState loan, LoanChange change, ParticipantState? participant) =>
        participant is not null
            ? participant.LenderId is { } lender ? [lender] : []
            : change.ConcernsLenders
                ? loan.Participants.Where(p => p.Status != ParticipantStatus.Declined && p.LenderId is not null).Select(p => p.LenderId!.Value)
                : [];
}

/// <summary>The index updates and invitation mails of a command's changes, queued in the outbox.</summary>
internal static class IndexProjection
{
    public static void Enqueue(LoanState next, IReadOnlyList<LoanChange> changes)
    {
        if (changes.Any(c => c.AddsToBorrowerIndex))
        {
            LoanOutbox.EnqueueBorrower(next);
        }

        // A participant's entry carries its status and the loan's at this version: one update each, however many changes touched it.
        var moved = changes.Any(c => c.MovesEveryIndexEntry)
            ? next.Participants
            : [.. changes.Where(c => c.MovesIndexEntry && c.ParticipantId is not null).Select(c => next.Participant(c.ParticipantId!.Value)).Distinct()];
        foreach (var participant in moved)
        {
            LoanOutbox.EnqueueLender(next, participant);
        }

        // Lenders' running totals after a repayment, unless every entry moved already (their updates carry the totals).
        if (!changes.Any(c => c.MovesEveryIndexEntry) && changes.OfType<RepaymentReceived>().LastOrDefault() is { } repaid)
        {
            LoanOutbox.EnqueueLenderTotals(next, repaid.Repayment.RepaymentId);
        }

        // The borrower's late notice: one per change, naming the latest installment it found late.
        foreach (var late in changes.OfType<InstallmentLate>())
        {
            LoanOutbox.EnqueueServicingMail(next, Outbox.ServicingMailMessage.Late, late.Installments.Max(i => i.Number));
        }

        // One mail entry per command's invitations (they share their invitation time), not one per lender.
        foreach (var invitedAt in changes.Where(c => c.SendsInvitation && c.ParticipantId is not null)
                     .Select(c => next.Participant(c.ParticipantId!.Value).InvitedAt).Distinct())
        {
            LoanOutbox.EnqueueMail(next, invitedAt);
        }
    }
}
