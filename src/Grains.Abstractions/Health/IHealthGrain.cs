namespace PrivateLending.Grains.Abstractions.Health;

/// <summary>Answers readiness probes: a round-trip through a grain that touches grain storage.</summary>
public interface IHealthGrain : IGrainWithStringKey
{
    /// <summary>Reads this grain's state from storage, proving the silo and its storage both answer.</summary>
    Task<DateTimeOffset> CheckAsync();
}
