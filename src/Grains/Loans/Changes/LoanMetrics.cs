using System.Diagnostics.Metrics;

namespace PrivateLending.Grains.Loans.Changes;

/// <summary>
/// Business metrics, one more projection of the changes: every committed change counts once under its name
/// (<c>privatelending.loan.changes{change="loan.created"}</c>, …), so loans created, lenders invited, acceptances,
/// declines, fundings, expiries and cancellations need no counter of their own. The silo exports the meter by <see cref="MeterName"/>.
/// </summary>
public static class LoanMetrics
{
    public const string MeterName = "PrivateLending.Loans";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Committed loan changes, tagged <c>change</c> with the change's name.</summary>
    public static Counter<long> Changes { get; } =
        Meter.CreateCounter<long>("privatelending.loan.changes", "{change}", "Committed loan changes, by name (the names webhooks and history use).");

    /// <summary>Counts <paramref name="changes"/>, once stored.</summary>
    internal static void Record(IReadOnlyList<LoanChange> changes)
    {
        foreach (var change in changes)
        {
            Changes.Add(1, new KeyValuePair<string, object?>("change", change.Name));
        }
    }
}
