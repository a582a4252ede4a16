using Orleans;
using Orleans.Runtime;
using PrivateLending.TestSupport;
using static PrivateLending.Silo.Tests.Storage.StorageTestHost;

namespace PrivateLending.Silo.Tests.Storage;

/// <summary>
/// Every kind of grain id Orleans hands a storage provider (Guid, long, compound Guid+string and long+string keys,
/// generic grain types), as Orleans' own storage provider tests exercise them: write, read back, clear, read empty.
/// </summary>
[Collection(DynaliteTestGroup.Name)]
public sealed class GrainStorageGrainIdTests(DynaliteFixture dynalite)
{
    private const string State = "account";

    public static TheoryData<string> Kinds() => ["guid", "long", "negative-long", "guid+string", "long+string", "generic", "generic+guid+string"];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task WriteReadClear_GrainIdKind_RoundTrips(string kind)
    {
        using var storage = await StartAsync(dynalite);
        var grain = NewGrainIdOfKind(kind);
        var written = new GrainState<AccountState>(Account(kind, 12.34m));

        await storage.WriteStateAsync(State, grain, written);
        var read = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, read);

        Assert.True(read.RecordExists);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(written.Loaded().SameAs(read.Loaded()));
        var neighbour = Empty<AccountState>();
        await storage.ReadStateAsync(State, NewGrainIdOfKind(kind), neighbour);
        Assert.False(neighbour.RecordExists);

        await storage.ClearStateAsync(State, grain, read);
        var cleared = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, cleared);
        Assert.False(cleared.RecordExists);
        Assert.Equal(0m, cleared.Loaded().Balance);

        await storage.WriteStateAsync(State, grain, new GrainState<AccountState>(Account(kind, 1m)) { ETag = read.ETag });
        var again = Empty<AccountState>();
        await storage.ReadStateAsync(State, grain, again);
        Assert.Equal(1m, again.Loaded().Balance);
    }

    private static GrainId NewGrainIdOfKind(string kind)
    {
        var plain = GrainType.Create("account");
        var generic = GrainType.Create("account`1[[System.Collections.Generic.List`1[[System.String, System.Private.CoreLib]], System.Private.CoreLib]]");
        // Extensions with the characters that separate key parts elsewhere (storage keys, Orleans' own id text).
        var extension = $"ext/+#?|%\\ {Guid.NewGuid():N}";
        return kind switch
        {
            "guid" => GrainId.Create(plain, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid())),
            "long" => GrainId.Create(plain, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64())),
            "negative-long" => GrainId.Create(plain, GrainIdKeyExtensions.CreateIntegerKey(-Random.Shared.NextInt64())),
            "guid+string" => GrainId.Create(plain, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), extension)),
            "long+string" => GrainId.Create(plain, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64(), extension)),
            "generic" => GrainId.Create(generic, GrainIdKeyExtensions.CreateIntegerKey(Random.Shared.NextInt64())),
            _ => GrainId.Create(generic, GrainIdKeyExtensions.CreateGuidKey(Guid.NewGuid(), extension)),
        };
    }
}
