using System.Text.Json.Serialization;

namespace PrivateLending.Grains.Loans.Outbox;

/// <summary>
/// One message of a loan's outbox: stored in the same write as the change that caused it, delivered after the
/// write, at least once; receivers de-duplicate. The set of kinds is closed (one per destination), stored as JSON
/// with its kind's name, and each kind says how it is delivered (<see cref="SendAsync"/>), so delivery needs no
/// switch and a new kind cannot be forgotten.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "$kind")]
[JsonDerivedType(typeof(BorrowerIndexMessage), BorrowerIndexMessage.KindName)]
[JsonDerivedType(typeof(LenderIndexMessage), LenderIndexMessage.KindName)]
[JsonDerivedType(typeof(WebhookMessage), WebhookMessage.KindName)]
[JsonDerivedType(typeof(InvitationMailMessage), InvitationMailMessage.KindName)]
[JsonDerivedType(typeof(AuditMessage), AuditMessage.KindName)]
[JsonDerivedType(typeof(LenderTotalsMessage), LenderTotalsMessage.KindName)]
[JsonDerivedType(typeof(ServicingMailMessage), ServicingMailMessage.KindName)]
[JsonDerivedType(typeof(AgreementMessage), AgreementMessage.KindName)]
[GenerateSerializer, Alias("PrivateLending.OutboxMessage")]
public abstract class OutboxMessage
{
    [Id(0)] public long Seq { get; set; }

    // Computed members are left out of the stored JSON; each override repeats [JsonIgnore], which is not inherited.

    /// <summary>The kind's stored name (metrics, logs, the operators' report).</summary>
    [JsonIgnore] public abstract string Kind { get; }

    /// <summary>Messages with the same destination go in one call.</summary>
    [JsonIgnore] public abstract string Destination { get; }

    /// <summary>What the message is about: a parked message is replaced by a newer one of the same subject.</summary>
    [JsonIgnore] public abstract string Subject { get; }

    /// <summary>The loan version the message reports.</summary>
    [JsonIgnore] public abstract long LoanVersion { get; }

    /// <summary>Sent after the command has answered, never awaited by it (fan-out that would otherwise slow the request).</summary>
    [JsonIgnore] public virtual bool AfterAnswer => false;

    /// <summary>A copy with a new sequence number (re-queueing a parked message).</summary>
    internal abstract OutboxMessage Renumbered(long seq);

    /// <summary>Delivers <paramref name="batch"/> (all of this kind and destination); false when taken but not finished.</summary>
    internal abstract Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch);
}
