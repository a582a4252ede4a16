namespace PrivateLending.Grains.Loans.Outbox;

/// <summary>
/// Loans stored before typed outbox messages keep their undelivered entries as <see cref="PendingIndexUpdate"/>s.
/// On activation each becomes the message of its kind (same sequence number), so nothing stored is lost; the next
/// write stores the messages and drops the old list.
/// </summary>
internal static class LegacyOutbox
{
    /// <summary>Upgrades <paramref name="loan"/> in place; false when there was nothing to upgrade.</summary>
    public static bool Upgrade(LoanState loan)
    {
        var upgraded = false;
        if (loan.LegacyOutbox is { } legacy)
        {
            var messages = legacy.Select(ToMessage).ToList();
            loan.Outbox = [.. messages, .. loan.Outbox];
            loan.LegacyOutbox = null;
            upgraded = true;
        }

        foreach (var parked in loan.Parked.Where(p => p.Update is not null))
        {
            parked.Message = ToMessage(parked.Update!);
            parked.Update = null;
            upgraded = true;
        }

        return upgraded;
    }

    public static OutboxMessage ToMessage(PendingIndexUpdate u) => u.Kind switch
    {
        IndexTarget.Borrower => new BorrowerIndexMessage { Seq = u.Seq, BorrowerId = Guid.ParseExact(u.Target, "N"), LoanId = u.LoanId, CreatedAt = u.At, Version = u.LoanVersion },
        IndexTarget.Lender => new LenderIndexMessage
        {
            Seq = u.Seq, NormalizedEmail = u.Target, LoanId = u.LoanId, ParticipantId = u.ParticipantId, Status = u.Status,
            ContributionAmount = u.ContributionAmount, InvitedAt = u.At, Version = u.LoanVersion, LoanStatus = u.LoanStatus,
        },
        IndexTarget.Webhook => new WebhookMessage
        {
            Seq = u.Seq, EventType = u.EventType ?? "", BorrowerId = Guid.ParseExact(u.Target, "N"), Lenders = u.Recipients ?? [],
            LoanId = u.LoanId, Version = u.LoanVersion, LoanStatus = u.LoanStatus, LoanAmount = u.LoanAmount, TotalFunded = u.TotalFunded,
            ParticipantId = u.ParticipantId, ParticipantStatus = u.Status, ContributionAmount = u.ContributionAmount, OccurredAt = u.OccurredAt,
        },
        IndexTarget.Mail => new InvitationMailMessage { Seq = u.Seq, LoanId = u.LoanId, InvitedAt = u.At, Version = u.LoanVersion },
        IndexTarget.Audit => new AuditMessage { Seq = u.Seq, Entry = u.Audit },
        // The stored kinds are a closed, historical set: anything else is not an entry this code ever wrote.
        _ => throw new InvalidOperationException($"Outbox entry {u.Seq} has an unknown kind {u.Kind}."),
    };
}
