using System.Text.Json.Serialization;

namespace PrivateLending.Grains.Loans.Outbox;

/// <summary>
/// A version of the loan agreement is due (1 at funding, 2 at disbursement). Stored with the change that makes it due,
/// so a silo that dies before the PDF is stored still writes it: delivery asks the loan itself to write it (a call
/// queued behind the current turn) and the message leaves the outbox in the same write that records the agreement.
/// The object's key is fixed per version, so however often it is written there is one.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.AgreementMessage")]
public sealed class AgreementMessage : OutboxMessage
{
    public const string KindName = "agreement";

    [Id(0)] public Guid LoanId { get; set; }
    [Id(1)] public int AgreementVersion { get; set; }
    [Id(2)] public long Version { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => $"{KindName}:{LoanId:N}:{AgreementVersion}";
    [JsonIgnore] public override string Subject => Destination;
    [JsonIgnore] public override long LoanVersion => Version;

    /// <summary>Rendering and storing a PDF is no part of the funding request's answer.</summary>
    [JsonIgnore] public override bool AfterAnswer => true;

    internal override OutboxMessage Renumbered(long seq) => new AgreementMessage
    {
        Seq = seq, LoanId = LoanId, AgreementVersion = AgreementVersion, Version = Version,
    };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<AgreementMessage>()]);
}
