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

    public async Task<int> ReplaceAsync(ImmutableArray<KeyRingEntry> entries)
    {
        var replacements = entries.IsDefault ? [] : entries.ToDictionary(e => e.FriendlyName, e => e.Xml, StringComparer.Ordinal);
        var replaced = 0;
        var keys = state.State.Keys.Select(key =>
        {
            if (!replacements.TryGetValue(key.FriendlyName, out var xml) || xml == key.Xml)
            {
                return key;
            }

            replaced++;
            return new StoredKey { FriendlyName = key.FriendlyName, Xml = xml };
        }).ToList();
        if (replaced > 0)
        {
            await _writer.CommitAsync(this, new KeyRingState { Keys = keys });
        }

        return replaced;
    }
}
