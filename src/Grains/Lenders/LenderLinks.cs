namespace PrivateLending.Grains.Lenders;

/// <summary>
/// Which loans a linked lender still has to tell about its account, kept bounded in the lender's item: either
/// "every loan in the index" (<see cref="LenderState.LinkEveryLoan"/>, one flag) or a short list of loans invited
/// after the account linked (<see cref="LenderState.PendingLinks"/>, at most <see cref="MaxPending"/>).
/// </summary>
internal static class LenderLinks
{
    /// <summary>
    /// Most loans listed one by one (~40 bytes each, ~10 KB); one more turns the list into the flag, whose delivery
    /// re-sends to loans already told, which ignore it without writing.
    /// </summary>
    public const int MaxPending = 256;

    /// <summary>Link calls in flight at once while delivering, so a lender invited by thousands of loans does not activate them all at once.</summary>
    public const int InFlight = 32;

    /// <summary>True when an account is linked and some loan may not know it yet.</summary>
    public static bool AnyPending(LenderState state) =>
        state is { AccountId: not null } && (state.LinkEveryLoan || state.PendingLinks.Count > 0);

    /// <summary>Records in <paramref name="next"/> that <paramref name="loanId"/> has to be told (it invited the email after linking).</summary>
    public static void Add(LenderState next, Guid loanId)
    {
        if (next.LinkEveryLoan || next.PendingLinks.Contains(loanId))
        {
            return;
        }

        if (next.PendingLinks.Count >= MaxPending)
        {
            // Every listed loan is in the index, so the flag covers them all.
            next.LinkEveryLoan = true;
            next.PendingLinks = [];
            return;
        }

        next.PendingLinks.Add(loanId);
    }

    /// <summary>
    /// The loans still to be told: every loan in <paramref name="index"/> when the flag is set, plus the listed ones,
    /// less those that acknowledged in this activation. A copy, as upserts may change the index meanwhile.
    /// </summary>
    public static List<Guid> Untold(LenderState state, IEnumerable<Guid> index, IReadOnlySet<Guid> told) =>
        [.. (state.LinkEveryLoan ? index.Concat(state.PendingLinks) : state.PendingLinks).Where(id => !told.Contains(id)).Distinct()];

    /// <summary>
    /// <paramref name="state"/> less what was <paramref name="told"/>, or null when that changes nothing: the flag
    /// is cleared only when every loan in <paramref name="index"/> acknowledged.
    /// </summary>
    public static LenderState? WithoutTold(LenderState state, IEnumerable<Guid> index, IReadOnlySet<Guid> told)
    {
        var next = state.Clone();
        var trimmed = next.PendingLinks.RemoveAll(told.Contains) > 0;
        if (next.LinkEveryLoan && index.All(told.Contains))
        {
            next.LinkEveryLoan = false;
            trimmed = true;
        }

        return trimmed ? next : null;
    }
}
