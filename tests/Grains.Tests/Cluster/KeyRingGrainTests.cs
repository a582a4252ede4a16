using PrivateLending.Grains.Abstractions.Security;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Grains.Tests.Infrastructure;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class KeyRingGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    /// <summary>
    /// A write that landed but timed out (Orleans itself drops an activation only on a conflict, not on this): the caller sees the failure, and the key ring then re-reads
    /// storage (it holds the key) instead of carrying on with a stale ETag that would refuse every later key.
    /// </summary>
    [Fact]
    public async Task StoreAsync_WriteLandedButFailed_RingRereadsStorageAndKeepsAcceptingKeys()
    {
        var conflictsBefore = ConflictCountingStorage.Conflicts.Count;
        var ring = _grains.GetGrain<IKeyRingGrain>("ring-" + Guid.NewGuid().ToString("N"));
        await ring.StoreAsync(new KeyRingEntry("key-1", "<key id=\"1\"/>"));
        ConflictCountingStorage.FailNextWrite(ring.GetGrainId(), applied: true, () => new StorageUnavailableException("injected time-out"));

        await Assert.ThrowsAnyAsync<Exception>(() => ring.StoreAsync(new KeyRingEntry("key-2", "<key id=\"2\"/>")));
        var afterFailure = await ring.GetAllAsync();
        await ring.StoreAsync(new KeyRingEntry("key-3", "<key id=\"3\"/>"));

        Assert.Equal(["key-1", "key-2"], afterFailure.Select(k => k.FriendlyName));
        Assert.Equal(["key-1", "key-2", "key-3"], (await ring.GetAllAsync()).Select(k => k.FriendlyName));
        Assert.Empty(ConflictCountingStorage.Conflicts.Skip(conflictsBefore));
    }

    [Fact]
    public async Task ReplaceAsync_StoredAndUnknownNames_ReplacesOnlyStoredKeysInPlace()
    {
        var ring = _grains.GetGrain<IKeyRingGrain>("ring-" + Guid.NewGuid().ToString("N"));
        await ring.StoreAsync(new KeyRingEntry("key-1", "<key id=\"1\">clear</key>"));
        await ring.StoreAsync(new KeyRingEntry("key-2", "<key id=\"2\">clear</key>"));

        var replaced = await ring.ReplaceAsync([new KeyRingEntry("key-2", "<key id=\"2\">sealed</key>"), new KeyRingEntry("key-9", "<key id=\"9\"/>")]);
        await ring.StoreAsync(new KeyRingEntry("key-2", "<key id=\"2\">clear again</key>"));

        Assert.Equal(1, replaced);
        Assert.Equal(
            [("key-1", "<key id=\"1\">clear</key>"), ("key-2", "<key id=\"2\">sealed</key>")],
            (await ring.GetAllAsync()).Select(k => (k.FriendlyName, k.Xml)));
    }
}
