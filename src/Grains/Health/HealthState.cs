namespace PrivateLending.Grains.Health;

/// <summary>The health grain's state; it is only ever read, so storage is proven reachable without writes.</summary>
[GenerateSerializer, Alias("PrivateLending.HealthState")]
public sealed class HealthState
{
    [Id(0)] public DateTimeOffset? LastWrittenAt { get; set; }
}
