using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Lenders;

/// <summary>A sealed chunk of a lender's index: a fixed set of participations whose latest versions it stores.</summary>
internal sealed class LenderIndexChunkGrain(
    [PersistentState("lenderchunk", StorageNames.Users)] IPersistentState<LenderChunkState> state) : Grain, ILenderIndexChunkGrain
{
    private readonly StateWriter<LenderChunkState> _writer = new(state);

    public async Task SealAsync(List<InvitationItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var current = state.State.Items;
        if (items.Count == current.Count && items.Select(i => i.ParticipantId).SequenceEqual(current.Select(i => i.ParticipantId)))
        {
            return;
        }

        await _writer.CommitAsync(this, new LenderChunkState { Items = [.. items] });
    }

    public async Task UpdateAsync(List<InvitationItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        var next = new LenderChunkState { Items = [.. state.State.Items] };
        var changed = false;
        foreach (var item in items)
        {
            var at = next.Items.FindIndex(i => i.ParticipantId == item.ParticipantId);
            if (at >= 0 && next.Items[at].LoanVersion < item.LoanVersion)
            {
                next.Items[at] = item;
                changed = true;
            }
        }

        if (changed)
        {
            await _writer.CommitAsync(this, next);
        }
    }

    public Task<List<InvitationItem>> ReadAllAsync() => Task.FromResult(state.State.Items);
}
