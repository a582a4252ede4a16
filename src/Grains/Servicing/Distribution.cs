namespace PrivateLending.Grains.Servicing;

/// <summary>
/// Splits money among lenders pro rata to their contributions, to the cent, carrying rounding forward: what each
/// lender has received in total always stays within one cent of its exact share of the total distributed so far.
/// </summary>
/// <remarks>
/// <para>
/// Works on running totals in cents. With T the new total and q_i = T·w_i/W a lender's exact share, each lender
/// first gets max(what it already has, ⌊q_i⌋); the few cents left (fewer than the number of lenders) go one each
/// to lenders still below q_i, the one whose share reaches its next cent at the smallest total first (smallest
/// (held + 1)/w_i), the lower participant id on a tie. A lender's share of this repayment is its new total minus
/// its old one, so it is never negative and the shares sum exactly to the amount.
/// </para>
/// <para>
/// Why this order and not the largest fractional part: handing a cent to a lender whose exact share will not
/// reach it for a long time can leave, at a later total, more lenders already at their upper cent than there
/// are spare cents, so some other lender could not be lifted to its lower cent without taking money back
/// (docs/servicing.md has such a case and the proof that this order never gets stuck). The result: for every
/// total, ⌊q_i⌋ ≤ held_i ≤ ⌈q_i⌉, that is |held_i − q_i| &lt; 1 cent.
/// </para>
/// </remarks>
internal static class Distribution
{
    /// <summary>New running totals (cents) for a new cumulative <paramref name="total"/>.</summary>
    /// <param name="weights">Contributions in cents, each more than zero, in tie-break order (ascending participant id).</param>
    /// <param name="held">Running totals so far (cents), as this method produced them for the previous total.</param>
    /// <param name="total">The new cumulative total, at least the sum of <paramref name="held"/>.</param>
    public static long[] Allocate(IReadOnlyList<long> weights, IReadOnlyList<long> held, long total)
    {
        ArgumentNullException.ThrowIfNull(weights);
        ArgumentNullException.ThrowIfNull(held);
        if (weights.Count == 0 || weights.Count != held.Count || weights.Any(w => w <= 0))
        {
            throw new ArgumentException("Give one positive weight per lender and one running total each.", nameof(weights));
        }

        Int128 sumWeights = 0;
        foreach (var w in weights)
        {
            sumWeights += w;
        }

        var next = new long[weights.Count];
        long assigned = 0;
        for (var i = 0; i < next.Length; i++)
        {
            next[i] = Math.Max(held[i], (long)(total * (Int128)weights[i] / sumWeights));
            assigned += next[i];
        }

        var spare = total - assigned;
        // Lenders still below their exact share, earliest to reach their next cent first.
        var candidates = Enumerable.Range(0, next.Length)
            .Where(i => next[i] * sumWeights < total * (Int128)weights[i])
            .ToList();
        if (spare < 0 || spare > candidates.Count)
        {
            // The invariant in the remarks rules this out; failing loudly beats a share off by more than a cent.
            throw new InvalidOperationException($"Cannot distribute {total} cents within one cent of each share.");
        }

        candidates.Sort((a, b) =>
        {
            var byReach = ((next[a] + 1) * (Int128)weights[b]).CompareTo((next[b] + 1) * (Int128)weights[a]);
            return byReach != 0 ? byReach : a.CompareTo(b);
        });
        for (var k = 0; k < spare; k++)
        {
            next[candidates[k]]++;
        }

        return next;
    }

    /// <summary>The amounts (in money) each lender receives when the running total grows by <paramref name="amount"/>.</summary>
    public static decimal[] Split(IReadOnlyList<long> weights, IReadOnlyList<long> held, decimal amount)
    {
        ArgumentNullException.ThrowIfNull(held);
        var total = held.Sum() + ToCents(amount);
        var next = Allocate(weights, held, total);
        return [.. next.Select((cents, i) => FromCents(cents - held[i]))];
    }

    public static long ToCents(decimal money)
    {
        var cents = money * 100;
        if (cents != decimal.Truncate(cents))
        {
            throw new ArgumentException($"{money} is not a whole number of cents.", nameof(money));
        }

        return (long)cents;
    }

    public static decimal FromCents(long cents) => cents / 100m;
}
