using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Security;

/// <summary>The Data Protection key ring shared by every API instance; keys are only ever added.</summary>
public sealed class KeyRingGrain(
    [PersistentState("keyring", StorageNames.Default)] IPersistentState<KeyRingState> state) : Grain, IKeyRingGrain
{
    private readonly StateWriter<KeyRingState> _writer = new(state);

    public Task<ImmutableArray<KeyRingEntry>> GetAllAsync() =>
        Task.FromResult(state.State.Keys.Select(k => new KeyRingEntry(k.FriendlyName, k.Xml)).ToImmutableArray());

    public async Task StoreAsync(KeyRingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Keys.Exists(k => k.FriendlyName == entry.FriendlyName))
        {
            return;
        }

        var next = new KeyRingState { Keys = [.. state.State.Keys, new StoredKey { FriendlyName = entry.FriendlyName, Xml = entry.Xml }] };
        await _writer.CommitAsync(this, next);
    }
}
