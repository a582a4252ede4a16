namespace PrivateLending.Grains.Common;

/// <summary>
/// A command applied with an idempotency key: who sent it, the request hash and the result, kept in the same
/// state write as the effect so a crash can never apply a command without remembering its key.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.IdempotencyRecord")]
public sealed class IdempotencyRecord
{
    [Id(0)] public Guid ActorId { get; set; }
    [Id(1)] public string Key { get; set; } = "";
    [Id(2)] public string RequestHash { get; set; } = "";
    [Id(3)] public string ResultJson { get; set; } = "";
    [Id(4)] public DateTimeOffset RecordedAt { get; set; }
    [Id(5)] public DateTimeOffset ExpiresAt { get; set; }
}
