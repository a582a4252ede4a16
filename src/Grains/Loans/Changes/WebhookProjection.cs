using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Loans.Changes;

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
