using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Parked outbox messages as pure functions over the loan's state. At most one is kept per subject (one
/// participant's lender entry, or the borrower's entry): a newer message of the same subject replaces an older one,
/// so the list is bounded by the loan's participants.
/// </summary>
internal static class LoanParking
{
    /// <summary>Moves <paramref name="messages"/> from the outbox to the parked list.</summary>
    public static void Park(LoanState loan, IEnumerable<OutboxMessage> messages, string reason, DateTimeOffset now)
    {
        foreach (var message in messages)
        {
            loan.Outbox.RemoveAll(m => m.Seq == message.Seq);
            loan.Parked.RemoveAll(p => SameSubject(p.Message!, message) && p.Message!.LoanVersion <= message.LoanVersion);
            if (!loan.Parked.Exists(p => SameSubject(p.Message!, message)))
            {
                loan.Parked.Add(new ParkedIndexUpdate { Message = message, ParkedAt = now, Reason = reason });
            }
        }
    }

    /// <summary>A delivered message supersedes parked older ones of the same subject (the receiver now holds newer).</summary>
    public static void Delivered(LoanState loan, IEnumerable<OutboxMessage> delivered)
    {
        foreach (var message in delivered)
        {
            loan.Parked.RemoveAll(p => SameSubject(p.Message!, message) && p.Message!.LoanVersion <= message.LoanVersion);
        }
    }

    /// <summary>Puts every parked message back in the outbox (new sequence numbers), unless a newer one of its subject waits there.</summary>
    public static int Requeue(LoanState loan)
    {
        var requeued = 0;
        foreach (var message in loan.Parked.Select(p => p.Message!))
        {
            if (loan.Outbox.Exists(m => SameSubject(m, message) && m.LoanVersion >= message.LoanVersion))
            {
                continue;
            }

            loan.Outbox.RemoveAll(m => SameSubject(m, message));
            loan.Outbox.Add(message.Renumbered(loan.NextOutboxSeq++));
            requeued++;
        }

        loan.Parked.Clear();
        return requeued;
    }

    /// <summary>What operators see: how many messages wait, and the parked ones without their destinations.</summary>
    public static OutboxReport Report(LoanState loan) =>
        new(loan.Outbox.Count, [.. loan.Parked.Select(p =>
        {
            var lender = p.Message as LenderIndexMessage;
            return new ParkedUpdateView(p.Message!.Kind, lender?.ParticipantId ?? Guid.Empty, p.Message.LoanVersion,
                lender?.Status ?? default, lender?.LoanStatus ?? default, p.ParkedAt, p.Reason);
        })]);

    private static bool SameSubject(OutboxMessage a, OutboxMessage b) => string.Equals(a.Subject, b.Subject, StringComparison.Ordinal);
}
