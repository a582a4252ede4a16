namespace PrivateLending.Grains.Loans;

/// <summary>
/// An index update its target refused for good (see <c>DeliveryFailures</c>): taken out of the outbox so the loan
/// stops retrying it, and kept in the loan's state for operators to read and re-queue once the cause is fixed.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.ParkedIndexUpdate")]
public sealed class ParkedIndexUpdate
{
    [Id(0)] public PendingIndexUpdate Update { get; set; } = new();

    [Id(1)] public DateTimeOffset ParkedAt { get; set; }

    /// <summary>Why it was refused: the exception type (and domain code), never its message (it may name an email-keyed grain).</summary>
    [Id(2)] public string Reason { get; set; } = "";
}
