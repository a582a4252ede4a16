using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Lenders;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// The lender grain's own item was capped at 512 participations and is now capped at <see cref="LenderChunks.TailMax"/>:
/// items stored under the old cap still load whole, and their next write seals them down.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class LenderIndexTailTests(ClusterFixture fixture)
{
    private const int StoredBefore = 300;

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task UpsertAsync_TailStoredOverTheCap_SealedDownAndEveryParticipationKept()
    {
        var email = Email();
        var lender = _grains.GetGrain<IInvitationIndexGrain>(Key(email));
        // As the old cap let it be stored: every participation in the lender's own item, no chunk.
        var old = new LenderState { Entries = [.. Items(StoredBefore)] };
        await Storage().WriteStateAsync("lender", lender.GetGrainId(), new GrainState<LenderState>(old));

        Assert.Equal(StoredBefore, (await lender.GetOpenLoanIdsAsync(1000)).Length);
        await lender.UpsertAsync([Entry(DateTimeOffset.UtcNow)]);

        var stored = await ReadAsync(lender);
        var chunks = await Task.WhenAll(stored.Chunks.Select(n => _grains.GetGrain<ILenderIndexChunkGrain>($"{Key(email)}/{n}").ReadAllAsync()));
        Assert.InRange(stored.Entries.Count, 1, LenderChunks.TailMax);
        Assert.All(chunks, c => Assert.Equal(LenderChunks.ChunkSize, c.Count));
        Assert.Equal(StoredBefore + 1, stored.Entries.Count + chunks.Sum(c => c.Count));
        Assert.Equal(StoredBefore + 1, stored.Entries.Concat(chunks.SelectMany(c => c)).Select(i => i.ParticipantId).Distinct().Count());

        await ClusterFixture.DeactivateAsync(lender);
        Assert.Equal(StoredBefore + 1, (await lender.GetOpenLoanIdsAsync(1000)).Length);
    }

    /// <summary>Participations of loans that do not exist, one second apart (the index does not ask the loans to hold them).</summary>
    private static IEnumerable<InvitationItem> Items(int count)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        return Enumerable.Range(0, count).Select(i => Item(Entry(start.AddSeconds(i))));
    }

    private static InvitationIndexEntry Entry(DateTimeOffset invitedAt) =>
        new(Guid.NewGuid(), Guid.NewGuid(), ParticipantStatus.Pending, 10m, invitedAt, 1);

    private static InvitationItem Item(InvitationIndexEntry e) => new()
    {
        ParticipantId = e.ParticipantId,
        LoanId = e.LoanId,
        Status = e.Status,
        ContributionAmount = e.ContributionAmount,
        InvitedAt = e.InvitedAt,
        LoanVersion = e.LoanVersion,
    };

    private async Task<LenderState> ReadAsync(IInvitationIndexGrain lender)
    {
        var stored = new GrainState<LenderState>(new LenderState());
        await Storage().ReadStateAsync("lender", lender.GetGrainId(), stored);
        return stored.State!;
    }

    private IGrainStorage Storage() =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Users);
}
