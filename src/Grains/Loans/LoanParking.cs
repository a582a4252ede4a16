namespace PrivateLending.Grains.Loans;

/// <summary>
/// Parked index updates as pure functions over the loan's state. At most one is kept per subject (one participant's
/// lender entry, or the borrower's entry): a newer update of the same subject replaces an older one, so the list is
/// bounded by the loan's participants.
/// </summary>
internal static class LoanParking
{
    /// <summary>Moves <paramref name="updates"/> from the outbox to the parked list.</summary>
    public static void Park(LoanState loan, IEnumerable<PendingIndexUpdate> updates, string reason, DateTimeOffset now)
    {
        foreach (var update in updates)
        {
            loan.Outbox.RemoveAll(u => u.Seq == update.Seq);
            loan.Parked.RemoveAll(p => SameSubject(p.Update, update) && p.Update.LoanVersion <= update.LoanVersion);
            if (!loan.Parked.Exists(p => SameSubject(p.Update, update)))
            {
                loan.Parked.Add(new ParkedIndexUpdate { Update = update, ParkedAt = now, Reason = reason });
            }
        }
    }

    /// <summary>A delivered update supersedes parked older ones of the same subject (the index now holds newer).</summary>
    public static void Delivered(LoanState loan, IEnumerable<PendingIndexUpdate> delivered)
    {
        foreach (var update in delivered)
        {
            loan.Parked.RemoveAll(p => SameSubject(p.Update, update) && p.Update.LoanVersion <= update.LoanVersion);
        }
    }

    /// <summary>Puts every parked update back in the outbox (new sequence numbers), unless a newer one of its subject waits there.</summary>
    public static int Requeue(LoanState loan)
    {
        var requeued = 0;
        foreach (var parked in loan.Parked)
        {
            var update = parked.Update;
            if (loan.Outbox.Exists(u => SameSubject(u, update) && u.LoanVersion >= update.LoanVersion))
            {
                continue;
            }

            loan.Outbox.RemoveAll(u => SameSubject(u, update));
            loan.Outbox.Add(new PendingIndexUpdate
            {
                Seq = loan.NextOutboxSeq++,
                Kind = update.Kind,
                Target = update.Target,
                LoanId = update.LoanId,
                ParticipantId = update.ParticipantId,
                Status = update.Status,
                ContributionAmount = update.ContributionAmount,
                At = update.At,
                LoanVersion = update.LoanVersion,
                LoanStatus = update.LoanStatus,
            });
            requeued++;
        }

        loan.Parked.Clear();
        return requeued;
    }

    private static bool SameSubject(PendingIndexUpdate a, PendingIndexUpdate b) =>
        a.Kind == b.Kind && a.ParticipantId == b.ParticipantId && string.Equals(a.Target, b.Target, StringComparison.Ordinal);
}
