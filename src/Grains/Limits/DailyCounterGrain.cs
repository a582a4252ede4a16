using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Limits;

/// <inheritdoc cref="IDailyCounterGrain"/>
internal sealed class DailyCounterGrain(
    [PersistentState("daily", StorageNames.Users)] IPersistentState<DailyCounterState> state,
    TimeProvider clock) : Grain, IDailyCounterGrain
{
    private readonly StateWriter<DailyCounterState> _writer = new(state);

    public async Task<bool> TryAddAsync(int count, int limit)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(count);
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var used = state.State.Day == today ? state.State.Count : 0;
        if (used + count > limit)
        {
            return false;
        }

        await _writer.CommitAsync(this, new DailyCounterState { Day = today, Count = used + count });
        return true;
    }
}
