using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Security;

namespace PrivateLending.Grains.Security;

public sealed class KeyRingGrain(
    [PersistentState("keyring", StorageNames.Default)] IPersistentState<KeyRingState> state) : Grain, IKeyRingGrain
{
    public Task<ImmutableArray<KeyRingEntry>> GetAllAsync() =>
        Task.FromResult(state.State.Keys.Select(k => new KeyRingEntry(k.FriendlyName, k.Xml)).ToImmutableArray());

    public async Task StoreAsync(KeyRingEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (state.State.Keys.Exists(k => k.FriendlyName == entry.FriendlyName))
        {
            return;
        }

        state.State.Keys.Add(new StoredKey { FriendlyName = entry.FriendlyName, Xml = entry.Xml });
        try
        {
            await state.WriteStateAsync();
        }
        catch
        {
            // The write did not happen: forget the key so memory matches storage.
            state.State.Keys.RemoveAt(state.State.Keys.Count - 1);
            throw;
        }
    }
}
