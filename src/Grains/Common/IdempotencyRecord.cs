namespace PrivateLending.Grains.Common;

/// <summary>
/// A command applied with an idempotency key: who sent it and the request hash, kept in the same state write as
/// the effect so a crash can never apply a command without remembering its key. Subclasses add the result.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.IdempotencyRecord")]
public class IdempotencyRecord
{
    [Id(0)] public Guid ActorId { get; set; }
    [Id(1)] public string Key { get; set; } = "";
    [Id(2)] public string RequestHash { get; set; } = "";
    [Id(3)] public DateTimeOffset RecordedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }
}
