using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Records;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class LoanRecordsTests(ClusterFixture fixture)
{
    private const int DynamoDbItemLimit = 400 * 1024;
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task GetHistoryAsync_CancelledLoan_EveryVersionWithWhoWhenWhy()
    {
        var borrower = User();
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        var lender = LenderFor(email);
        await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, 2000m, null, null, null));
        await grain.DeclineAsync(Respond(lender, created.Participants[0].ParticipantId, accept: false));
        await grain.CancelAsync(new CancelLoan(borrower, "Found another lender"));

        var page = (await grain.GetHistoryAsync(ViewerOf(borrower), new PageRequest(100)))!;

        // One record per change, named as the change: the creation and its invitation share version 1.
        Assert.Equal([1L, 1, 2, 3, 4], page.Items.Select(e => e.Version));
        Assert.Equal([LoanEvents.LoanCreated, LoanEvents.LenderInvited, LoanEvents.TermsChanged, LoanEvents.ParticipantDeclined, LoanEvents.LoanCancelled],
            page.Items.Select(e => e.Action));
        Assert.Equal(borrower.UserId, page.Items[0].ActorId);
        Assert.Equal(lender.UserId, page.Items[3].ActorId);
        Assert.Contains(new FieldChange("amount", "1000", "2000"), page.Items[2].Changes);
        var participant = created.Participants[0].ParticipantId;
        Assert.Contains(new FieldChange($"participants[{participant}].status", "PENDING", "DECLINED"), page.Items[3].Changes);
        Assert.Contains(new FieldChange("status", "PENDING", "CANCELLED"), page.Items[4].Changes);
        Assert.Equal("Found another lender", page.Items[4].Reason);
        Assert.False(page.HasMore);
        Assert.Null(await grain.GetHistoryAsync(ViewerOf(User()), new PageRequest(10)));
    }

    [Fact]
    public async Task GetFundingHistoryAsync_AddAcceptDecline_OnePointPerFundingChange()
    {
        var borrower = User();
        var (a, b) = (Email(), Email());
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(a, 600m));
        await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, null, 7m, null, null));
        var added = (await grain.AddLendersAsync(Add(borrower, Invite(b, 400m)))).Value;
        await grain.AcceptAsync(Respond(LenderFor(a), created.Participants[0].ParticipantId, accept: true, termsVersion: 2));
        await grain.DeclineAsync(Respond(LenderFor(b), added.Added[0].ParticipantId, accept: false));

        var points = (await grain.GetFundingHistoryAsync(ViewerOf(borrower), new PageRequest(100)))!.Items;

        Assert.Equal([600m, 1000m, 1000m, 600m], points.Select(p => p.TotalInvited));
        Assert.Equal([0m, 0m, 600m, 600m], points.Select(p => p.TotalFunded));
        Assert.Equal([0m, 0m, 60m, 60m], points.Select(p => p.FundingPercentage));
        Assert.Equal([0, 0, 0, 1], points.Select(p => p.DeclinedCount));
        Assert.Equal([1L, 3, 4, 5], points.Select(p => p.Version));
    }

    [Fact]
    public async Task Records_500Changes_PagedThroughChunksAndEveryItemFarBelowLimit()
    {
        CountingJsonSerializer.ResetLargest();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1_000_000m);
        var version = created.Version;
        for (var i = 0; i < 60; i++)
        {
            // Each add and each decline moves funding: 120 points; terms changes make up the 500 versions.
            var added = (await grain.AddLendersAsync(Add(borrower, Invite(Email(), 10m + i)))).Value;
            var email = (await grain.GetAsync(ViewerOf(borrower)))!.Participants[^1].LenderEmail;
            await grain.DeclineAsync(Respond(LenderFor(email), added.Added[0].ParticipantId, accept: false));
        }

        version = (await grain.GetAsync(ViewerOf(borrower)))!.Version;
        while (version < 500)
        {
            version = (await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, version, null, null, null, $"Purpose {version} " + new string('p', 200)))).Version;
        }

        var history = await ReadAllAsync(p => grain.GetHistoryAsync(ViewerOf(borrower), p), 37);
        var funding = await ReadAllAsync(p => grain.GetFundingHistoryAsync(ViewerOf(borrower), p), 50);

        Assert.Equal(Enumerable.Range(1, 500).Select(v => (long)v), history.Select(e => e.Version));
        Assert.Equal(121, funding.Count);
        Assert.Equal(funding.Select(p => p.Version).Order(), funding.Select(p => p.Version));
        Assert.InRange(CountingJsonSerializer.LargestWrite<LoanState>(), 1, DynamoDbItemLimit / 4);
        Assert.InRange(CountingJsonSerializer.LargestWrite<LoanRecordChunkState>(), 1, DynamoDbItemLimit / 4);
    }

    private static async Task<List<T>> ReadAllAsync<T>(Func<PageRequest, Task<Page<T>?>> read, int limit)
    {
        var all = new List<T>();
        string? cursor = null;
        do
        {
            var page = (await read(new PageRequest(limit, cursor)))!;
            all.AddRange(page.Items);
            cursor = page.NextCursor;
        }
        while (cursor is not null);
        return all;
    }
}
