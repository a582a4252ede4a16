using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class ConcurrencyTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task AddLendersAsync_FiftyConcurrentRequests_ExactlyTheAdmissibleOnesSucceed()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m);
        // 50 × 30 asks for 1,500: exactly 33 fit into 1,000 (990); the other 17 must be refused.
        var attempts = Enumerable.Range(0, 50).Select(async _ =>
        {
            try
            {
                return (Ok: true, Result: (await grain.AddLendersAsync(Add(borrower, Invite(Email(), 30m)))).Value, Error: (DomainException?)null);
            }
            catch (DomainException ex)
            {
                return (Ok: false, Result: (LenderAddition?)null, Error: ex);
            }
        });

        var outcomes = await Task.WhenAll(attempts);
        var view = (await grain.GetAsync(ViewerOf(borrower)))!;

        Assert.Equal(33, outcomes.Count(o => o.Ok));
        Assert.All(outcomes.Where(o => !o.Ok), o => Assert.Equal(DomainErrorCode.OverFunding, o.Error!.Code));
        Assert.All(outcomes.Where(o => o.Ok), o => Assert.True(o.Result!.Funding.TotalInvited <= 1000m));
        Assert.Equal(33, view.Participants.Length);
        Assert.Equal(990m, view.Funding.TotalInvited);
        Assert.Equal(34, view.Version);
        Assert.Equal(33, outcomes.Where(o => o.Ok).Select(o => o.Result!.Version).Distinct().Count());
    }

    [Fact]
    public async Task AcceptAndDecline_SameParticipantConcurrently_ExactlyOneWins()
    {
        for (var round = 0; round < 10; round++)
        {
            var email = Email();
            var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
            var lender = LenderFor(email);
            var id = created.Participants[0].ParticipantId;

            var accept = grain.AcceptAsync(Respond(lender, id, accept: true));
            var decline = grain.DeclineAsync(Respond(lender, id, accept: false));
            var results = await Task.WhenAll(Outcome(accept), Outcome(decline));

            Assert.Single(results, r => r is null);
            Assert.Single(results, r => r == DomainErrorCode.Conflict);
            var status = (await grain.GetInvitationAsync(id))!.Participant.Status;
            Assert.Equal(results[0] is null ? ParticipantStatus.Accepted : ParticipantStatus.Declined, status);
        }
    }

    /// <summary>
    /// A read in progress must not open the grain to commands running their checks alongside each other. Acceptances
    /// enter the grain together (they queue for a group commit), so what must hold is that each was checked and
    /// applied against the state the earlier ones left: every answer shows a different funded total, 100 apart.
    /// </summary>
    [Fact]
    public async Task AcceptAsync_WhileReadsKeepRunning_AcceptancesNeverInterleave()
    {
        var emails = Enumerable.Range(0, 6).Select(_ => Email()).ToArray();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, [.. emails.Select(e => Invite(e, 100m))]);
        var key = grain.GetGrainId().Key.ToString()!;
        TestCallFilter.Delay(nameof(ILoanGrain.GetAsync), key, TimeSpan.FromMilliseconds(30));
        TestCallFilter.Delay(nameof(ILoanGrain.AcceptAsync), key, TimeSpan.FromMilliseconds(50));

        // Reads keep arriving while the acceptances queue, so some read is always running when a command is next.
        using var stop = new CancellationTokenSource();
        var reads = Task.WhenAll(Enumerable.Range(0, 4).Select(async _ =>
        {
            while (!stop.IsCancellationRequested)
            {
                await grain.GetAsync(ViewerOf(borrower));
            }
        }));
        await Task.Delay(50);
        var accepts = await Task.WhenAll(created.Participants.Select(p =>
            grain.AcceptAsync(Respond(LenderFor(p.LenderEmail), p.ParticipantId, accept: true))));
        await stop.CancelAsync();
        await reads;

        Assert.Equal([100m, 200m, 300m, 400m, 500m, 600m], accepts.Select(r => r.Value.Funding.TotalFunded).Order());
        Assert.Equal(6, accepts.Select(r => r.Value.LoanVersion).Distinct().Count());
    }

    [Fact]
    public async Task AcceptAsync_LendersCompletingTheAmountConcurrently_FundedOnceAtEquality()
    {
        var emails = Enumerable.Range(0, 10).Select(_ => Email()).ToArray();
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, [.. emails.Select(e => Invite(e, 100m))]);

        var responses = await Task.WhenAll(created.Participants.Select(p =>
            grain.AcceptAsync(Respond(LenderFor(p.LenderEmail), p.ParticipantId, accept: true))));

        Assert.Single(responses, r => r.Value.LoanStatus == LoanStatus.Funded && r.Value.Funding.TotalFunded == 1000m);
        Assert.All(responses.Where(r => r.Value.LoanStatus == LoanStatus.Pending), r => Assert.True(r.Value.Funding.TotalFunded < 1000m));
        var view = (await grain.GetAsync(ViewerOf(borrower)))!;
        Assert.Equal(LoanStatus.Funded, view.Status);
        Assert.Equal(10, view.Funding.AcceptedParticipantCount);
    }

    [Fact]
    public async Task AcceptWhileLenderPagesThroughSameLoans_NeitherWaitsOnTheOther()
    {
        // A loan answering an acceptance calls the lender's index while the lender's page calls the loan: reads
        // interleave with commands, so this must not stall until the delivery wait gives up.
        var email = Email();
        var lender = LenderFor(email);
        var loans = new List<(ILoanGrain Grain, Guid ParticipantId)>();
        for (var i = 0; i < 10; i++)
        {
            var (grain, view) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 10m));
            loans.Add((grain, view.Participants[0].ParticipantId));
        }

        var index = _grains.GetGrain<Abstractions.Lenders.IInvitationIndexGrain>(Key(email));
        var clock = System.Diagnostics.Stopwatch.StartNew();

        await Task.WhenAll(loans.SelectMany(l => new Task[]
        {
            l.Grain.AcceptAsync(Respond(lender, l.ParticipantId, accept: true)),
            index.GetInvitationsAsync(null, new PageRequest(20)),
        }));

        Assert.True(clock.Elapsed < Common.Delivery.Wait / 2, $"took {clock.Elapsed}");
        var portfolio = await index.GetPortfolioAsync(new PageRequest(20));
        Assert.Equal(10, portfolio.TotalCount);
    }
}
