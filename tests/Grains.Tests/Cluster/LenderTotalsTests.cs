using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>Each lender's portfolio totals follow the loans' repayments through the outbox, once per repayment.</summary>
[Collection(ClusterTests.Name)]
public sealed class LenderTotalsTests(ClusterFixture fixture)
{
    private static readonly DateOnly Today = DateOnly.FromDateTime(DateTime.UtcNow);
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task RepayAsync_ThreeLenders_EachPortfolioTotalsEqualTheirDistributions()
    {
        var borrower = User();
        string[] emails = [Email(), Email(), Email()];
        var (loan, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(emails[0], 500m), Invite(emails[1], 333.33m), Invite(emails[2], 166.67m));
        for (var i = 0; i < emails.Length; i++)
        {
            await loan.AcceptAsync(Respond(LenderFor(emails[i]), created.Participants[i].ParticipantId, accept: true));
        }

        var servicing = _grains.GetGrain<ILoanServicingGrain>(loan.GetPrimaryKey());
        await servicing.DisburseAsync(new DisburseLoan(borrower, Today.AddMonths(-3)));
        var results = new List<RepaymentResult>();
        foreach (var amount in new[] { 85.61m, 100m, 0.07m, 33.33m })
        {
            results.Add((await servicing.RepayAsync(new RecordRepayment(borrower, Guid.CreateVersion7(), amount, Today))).Value);
        }

        for (var i = 0; i < emails.Length; i++)
        {
            var lines = results.Select(r => r.Distributions.Single(d => d.ParticipantId == created.Participants[i].ParticipantId)).ToList();
            var (principal, interest) = (lines.Sum(l => l.Principal), lines.Sum(l => l.Interest));
            var portfolio = await EventuallyAsync(() => Lender(emails[i]).GetPortfolioAsync(new PageRequest(10)),
                p => p.TotalRepaid == principal, $"lender {i}'s totals");

            Assert.Equal(interest, portfolio.TotalInterestReceived);
            Assert.Equal(created.Participants[i].ContributionAmount - principal, portfolio.TotalOutstanding);
            var item = Assert.Single(portfolio.Page.Items);
            Assert.Equal(principal, item.PrincipalRepaid);
            Assert.Equal((await loan.GetAsync(ViewerOf(borrower)))!.Servicing!.NextDueDate, item.NextPaymentDue);
        }
    }

    [Fact]
    public async Task RecordRepaymentTotalsAsync_SameOrOlderVersionAgain_ChangesNothing()
    {
        var borrower = User();
        var email = Email();
        var (loan, created) = await CreateLoanAsync(_grains, borrower, 100m, Invite(email, 100m));
        var participant = created.Participants[0].ParticipantId;
        var accepted = (await loan.AcceptAsync(Respond(LenderFor(email), participant, accept: true))).Value;
        var index = Lender(email);
        await EventuallyAsync(() => index.GetPortfolioAsync(new PageRequest(10)), p => p.TotalCount == 1, "the acceptance");
        var version = accepted.LoanVersion + 2;
        var repaymentId = Guid.CreateVersion7();

        await index.RecordRepaymentTotalsAsync([new(participant, loan.GetPrimaryKey(), repaymentId, version, LoanStatus.Active, 10m, 1m)]);
        await index.RecordRepaymentTotalsAsync([new(participant, loan.GetPrimaryKey(), repaymentId, version, LoanStatus.Active, 20m, 2m)]);
        await index.RecordRepaymentTotalsAsync([new(participant, loan.GetPrimaryKey(), Guid.CreateVersion7(), version - 1, LoanStatus.Active, 5m, 0.5m)]);
        await index.RecordRepaymentTotalsAsync([new(Guid.NewGuid(), loan.GetPrimaryKey(), repaymentId, version + 1, LoanStatus.Active, 7m, 7m)]);
        await ClusterFixture.DeactivateAsync(index);

        var portfolio = await index.GetPortfolioAsync(new PageRequest(10));
        Assert.Equal((10m, 1m, 90m), (portfolio.TotalRepaid, portfolio.TotalInterestReceived, portfolio.TotalOutstanding));
        Assert.Equal(1, portfolio.TotalCount);
    }

    private IInvitationIndexGrain Lender(string email) => _grains.GetGrain<IInvitationIndexGrain>(Key(email));
}
