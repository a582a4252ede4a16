using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Health;

namespace PrivateLending.Grains.Health;

public sealed class HealthGrain(
    [PersistentState("health", StorageNames.Default)] IPersistentState<HealthState> state,
    TimeProvider clock) : Grain, IHealthGrain
{
    public async Task<DateTimeOffset> CheckAsync()
    {
        // A fresh read on every probe: a cached answer would report ready while storage is down.
        await state.ReadStateAsync();
        return clock.GetUtcNow();
    }
}
