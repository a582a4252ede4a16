using System.Collections.Immutable;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Lenders;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// Linking an account to the loans that invited its email: every loan is told at least once, and the lender's
/// stored item does not grow with the number of invitations (a list of every invited loan passed DynamoDB's
/// 400 KB item limit at about 10,000 invitations, and linking then failed for good).
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class LenderLinkingTests(ClusterFixture fixture)
{
    /// <summary>What linking may add to the item: the address, account id and name, a flag (the old list cost ~40 bytes a loan).</summary>
    private const int LinkedAccountBytesBound = 1_000;

    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task LinkAccountAsync_InvitedByTwoThousandLoans_StoredItemDoesNotGrowWithInvitations()
    {
        var email = Email();
        var lender = Lender(email);
        await lender.UpsertAsync(Entries(2000));
        var unlinked = (await StoredAsync(lender)).Bytes;
        var accountId = Guid.NewGuid();

        await lender.LinkAccountAsync(accountId, "Zed", email);
        var (linked, bytes) = await StoredAsync(lender);

        Assert.Equal(accountId, linked.AccountId);
        Assert.InRange(bytes - unlinked, 0, LinkedAccountBytesBound);
    }

    [Fact]
    public async Task LinkAccountAsync_ThreeHundredLoansSomeRefusingOnce_EveryLoanLinkedFewCallsAtOnceOnlyFailedResent()
    {
        var email = Email();
        var loans = new List<(ILoanGrain Grain, Actor Borrower)>();
        foreach (var batch in Enumerable.Range(0, 300).Chunk(100))
        {
            loans.AddRange(await Task.WhenAll(batch.Select(async _ =>
            {
                var borrower = User();
                var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
                return (grain, borrower);
            })));
        }

        await EventuallyAsync(() => Lender(email).GetInvitationsAsync(null, new PageRequest(1)), p => p.HasMore, "the invitations reach the lender");
        var keys = loans.Select(l => l.Grain.GetPrimaryKey().ToString("N")).ToList();
        var refusing = keys.Take(3).ToList();
        refusing.ForEach(k => TestCallFilter.Fail("LinkLenderAsync", k, 1));
        // Each link takes a while, so calls sent together are seen running together.
        keys.ForEach(k => TestCallFilter.Delay("LinkLenderAsync", k, TimeSpan.FromMilliseconds(40)));
        TestCallFilter.ResetMostConcurrent("LinkLenderAsync");

        var account = await RegisterVerifiedAsync(_grains, email);
        await EventuallyAsync(() => StoredAsync(Lender(email)), s => !LenderLinks.AnyPending(s.State), "every link acknowledged and recorded");

        var views = await Task.WhenAll(loans.Select(l => l.Grain.GetAsync(ViewerOf(l.Borrower))));
        Assert.All(views, v => Assert.Equal(account.UserId, v!.Participants[0].LenderId));
        Assert.InRange(TestCallFilter.MostConcurrent("LinkLenderAsync"), 1, LenderLinks.InFlight);
        Assert.All(refusing, k => Assert.Equal(2, TestCallFilter.CallCount("LinkLenderAsync", k)));
        Assert.All(keys.Skip(3), k => Assert.Equal(1, TestCallFilter.CallCount("LinkLenderAsync", k)));
    }

    [Fact]
    public async Task UpsertAsync_MoreLoansInviteAfterLinkingThanListCap_StoredAsFlagAndAllLinked()
    {
        var email = Email();
        var lender = Lender(email);
        await lender.LinkAccountAsync(Guid.NewGuid(), "Zed", email);
        var entries = Entries(LenderLinks.MaxPending + 44);
        var keys = entries.Select(e => e.LoanId.ToString("N")).ToList();
        var refused = new List<int>();
        try
        {
            // Every link is refused for now, so what is stored is what is still to be delivered.
            keys.ForEach(k => TestCallFilter.FailWith("LinkLenderAsync", k, () => new InvalidOperationException("Refused by the test.")));
            await lender.UpsertAsync(entries[..10]);
            var few = (await StoredAsync(lender)).State;
            await lender.UpsertAsync(entries[10..]);
            var many = (await StoredAsync(lender)).State;

            Assert.Equal((false, 10), (few.LinkEveryLoan, few.PendingLinks.Count));
            Assert.Equal((true, 0), (many.LinkEveryLoan, many.PendingLinks.Count));
        }
        finally
        {
            refused.AddRange(keys.Select(k => TestCallFilter.CallCount("LinkLenderAsync", k)));
            keys.ForEach(k => TestCallFilter.StopFailing("LinkLenderAsync", k));
        }

        await EventuallyAsync(() => StoredAsync(lender), s => !LenderLinks.AnyPending(s.State), "every link delivered after the refusals");
        // Each loan was called again after the refusals ended: the flag stood for all of them.
        Assert.All(keys.Zip(refused), k => Assert.True(TestCallFilter.CallCount("LinkLenderAsync", k.First) > k.Second));
    }

    [Fact]
    public async Task OnActivateAsync_StoredBeforeTheCapWithEveryLoanListed_LinksDeliveredAndListCleared()
    {
        var email = Email();
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        var lender = Lender(email);
        await EventuallyAsync(() => lender.GetInvitationsAsync(null, new PageRequest(10)), p => p.Items.Length == 1, "the invitation reaches the lender");
        await ClusterFixture.DeactivateAsync(lender);

        // As the old code stored it: every invited loan listed (here with many more that do not exist).
        var accountId = Guid.NewGuid();
        var stored = await ReadAsync(lender);
        var old = stored.State!;
        old.Email = email;
        old.AccountId = accountId;
        old.AccountName = "Zed";
        old.PendingLinks = [grain.GetPrimaryKey(), .. Enumerable.Range(0, 2 * LenderLinks.MaxPending).Select(_ => Guid.NewGuid())];
        await Storage().WriteStateAsync("lender", lender.GetGrainId(), stored);

        await lender.GetInvitationsAsync(null, new PageRequest(10));
        var linked = await EventuallyAsync(() => grain.GetAsync(ViewerOf(borrower)), v => v!.Participants[0].LenderId is not null, "the link");
        var after = await EventuallyAsync(() => StoredAsync(lender), s => s.State.PendingLinks.Count == 0, "the delivered list cleared");

        Assert.Equal(accountId, linked!.Participants[0].LenderId);
        Assert.False(after.State.LinkEveryLoan);
    }

    private IInvitationIndexGrain Lender(string email) => _grains.GetGrain<IInvitationIndexGrain>(Key(email));

    /// <summary>Participations of <paramref name="count"/> loans that do not exist (a link to an unknown loan is a no-op).</summary>
    private static ImmutableArray<InvitationIndexEntry> Entries(int count)
    {
        var start = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, count).Select(i =>
            new InvitationIndexEntry(Guid.NewGuid(), Guid.NewGuid(), ParticipantStatus.Pending, 10m, start.AddSeconds(i), 1))];
    }

    /// <summary>The lender's item as stored, and its size.</summary>
    private async Task<(LenderState State, int Bytes)> StoredAsync(IInvitationIndexGrain lender)
    {
        var stored = await ReadAsync(lender);
        return (stored.State!, CountingJsonSerializer.SizeOf(stored.State));
    }

    private async Task<GrainState<LenderState>> ReadAsync(IInvitationIndexGrain lender)
    {
        var stored = new GrainState<LenderState>(new LenderState());
        await Storage().ReadStateAsync("lender", lender.GetGrainId(), stored);
        return stored;
    }

    private IGrainStorage Storage() =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Users);
}
