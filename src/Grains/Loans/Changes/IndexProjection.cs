namespace PrivateLending.Grains.Loans.Changes;

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
