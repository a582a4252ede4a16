using System.Text.Json.Serialization;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// An outbox message its receiver refused for good (see <c>DeliveryFailures</c>): taken out of the outbox so the loan
/// stops retrying it, and kept in the loan's state for operators to read and re-queue once the cause is fixed.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.ParkedIndexUpdate")]
public sealed class ParkedIndexUpdate
{
    /// <summary>A message parked before typed messages; upgraded to <see cref="Message"/> on activation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(0)] public PendingIndexUpdate? Update { get; set; }

    [Id(1)] public DateTimeOffset ParkedAt { get; set; }

    /// <summary>Why it was refused: the exception type (and domain code), never its message (it may name an email-keyed grain).</summary>
    [Id(2)] public string Reason { get; set; } = "";

    [Id(3)] public OutboxMessage? Message { get; set; }
}
