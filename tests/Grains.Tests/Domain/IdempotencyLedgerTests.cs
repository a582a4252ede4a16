using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Tests.Domain;

public sealed class IdempotencyLedgerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Guid Actor = Guid.NewGuid();

    [Fact]
    public void FindReplay_SameActorKeyAndHash_StoredResult()
    {
        var records = new List<CommandRecord>();
        IdempotencyLedger.Record(records, Actor, new IdempotencyToken("k", "h"), () => new CommandRecord { Version = 7 }, Now);

        Assert.Equal(7, IdempotencyLedger.FindReplay(records, Actor, new IdempotencyToken("k", "h"), Now.AddHours(23))!.Version);
    }

    [Fact]
    public void FindReplay_SameKeyOtherHash_IdempotencyKeyReused()
    {
        var records = new List<CommandRecord>();
        IdempotencyLedger.Record(records, Actor, new IdempotencyToken("k", "h"), () => new CommandRecord(), Now);

        var error = Assert.Throws<DomainException>(() => IdempotencyLedger.FindReplay(records, Actor, new IdempotencyToken("k", "other"), Now));

        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, error.Code);
    }

    [Fact]
    public void FindReplay_OtherActorsKey_NotVisible()
    {
        var records = new List<CommandRecord>();
        IdempotencyLedger.Record(records, Actor, new IdempotencyToken("k", "h"), () => new CommandRecord(), Now);

        Assert.Null(IdempotencyLedger.FindReplay(records, Guid.NewGuid(), new IdempotencyToken("k", "other"), Now));
    }

    [Fact]
    public void FindReplay_After24Hours_ExpiredAndPrunedOnNextWrite()
    {
        var records = new List<CommandRecord>();
        IdempotencyLedger.Record(records, Actor, new IdempotencyToken("k", "h"), () => new CommandRecord(), Now);

        Assert.Null(IdempotencyLedger.FindReplay(records, Actor, new IdempotencyToken("k", "other"), Now.AddHours(24)));
        IdempotencyLedger.Record(records, Actor, null, () => new CommandRecord(), Now.AddHours(24));
        Assert.Empty(records);
    }

    [Fact]
    public void Record_BeyondTheCap_OldestEvicted()
    {
        var records = new List<CommandRecord>();
        for (var i = 0; i <= IdempotencyLedger.MaxRecords; i++)
        {
            IdempotencyLedger.Record(records, Actor, new IdempotencyToken($"k{i}", "h"), () => new CommandRecord(), Now.AddSeconds(i));
        }

        Assert.Equal(IdempotencyLedger.MaxRecords, records.Count);
        Assert.DoesNotContain(records, r => r.Key == "k0");
        Assert.Contains(records, r => r.Key == $"k{IdempotencyLedger.MaxRecords}");
    }

    [Fact]
    public void FindReplay_NoToken_Null() => Assert.Null(IdempotencyLedger.FindReplay(new List<CommandRecord>(), Actor, null, Now));
}
