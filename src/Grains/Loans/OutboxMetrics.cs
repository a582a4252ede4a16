using System.Diagnostics.Metrics;

namespace PrivateLending.Grains.Loans;

/// <summary>Instruments of the loans' outboxes; the silo exports them by <see cref="MeterName"/>.</summary>
public static class OutboxMetrics
{
    public const string MeterName = "PrivateLending.Outbox";

    /// <summary>The meter all outbox instruments belong to.</summary>
    public static Meter Meter { get; } = new(MeterName);

    /// <summary>Index updates parked after a permanent refusal (tags <c>kind</c>: borrower or lender, <c>reason</c>).</summary>
    public static Counter<long> Parked { get; } =
        Meter.CreateCounter<long>("privatelending.outbox.parked", "{update}", "Index updates parked after their target refused them permanently.");
}
