using Orleans.Storage;

namespace PrivateLending.Grains.Common;

/// <summary>
/// The one way a grain changes its stored state: swap in the new state and write it once. If the write fails,
/// memory goes back to the previous state and the activation is dropped, so the next call re-reads storage: a
/// failed write (a time-out, a lost reply, a conflict) may or may not have landed, and only a fresh read knows.
/// </summary>
/// <remarks>
/// Writes happen only inside a grain call or a grain timer turn, never in <c>OnDeactivateAsync</c>: Orleans gives
/// up on a deactivation after its timeout and lets a new activation read while a write of the old one may still
/// be in flight; when that write lands, the new activation's ETag is stale (see docs/architecture.md).
/// </remarks>
internal sealed class StateWriter<TState>(IPersistentState<TState> state)
{
    private bool _faulted;

    /// <summary>Writes <paramref name="next"/> as the grain's state; on failure restores the previous one and rethrows.</summary>
    public async Task CommitAsync(IGrainBase grain, TState next)
    {
        if (_faulted)
        {
            // Only reachable from a turn that interleaves with the failed one (or, on a loan, a command queued behind the
            // failed batch); this activation's ETag is not trusted any more.
            throw new InconsistentStateException("An earlier write of this activation failed; it is being replaced by one that re-reads storage.");
        }

        var previous = state.State;
        state.State = next;
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            state.State = previous;
            _faulted = true;
            grain.DeactivateOnIdle();
            throw;
        }
    }
}
