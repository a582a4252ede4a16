using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// Business events in the log: every committed loan change is one Information line of one template, with the loan's,
/// the participation's and the acting user's ids, and never an email address.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class LoanEventLogTests(ClusterFixture fixture)
{
    private const string Template = "Loan event {LoanEvent}: loan {LoanId} version {LoanVersion}, participant {ParticipantId}, user {UserId}, request {RequestId}";

    [Fact]
    public async Task Changes_CreatedToCompleted_EachLoggedOnceWithIdsAndNoEmail()
    {
        var borrower = User();
        var (a, b) = (Email("log-a"), Email("log-b"));
        var (loan, created) = await As(borrower, () => CreateLoanAsync(fixture.Grains, borrower, 1000m, Invite(a, 600m)));
        var added = await As(borrower, () => loan.AddLendersAsync(new AddLenders(borrower, [Invite(b, 400m)])));
        var (first, second) = (created.Participants[0].ParticipantId, added.Value.Added[0].ParticipantId);
        var (lenderA, lenderB) = (LenderFor(a), LenderFor(b));
        await As(lenderA, () => loan.AcceptAsync(Respond(lenderA, first, accept: true)));
        await As(lenderB, () => loan.AcceptAsync(Respond(lenderB, second, accept: true)));
        var servicing = fixture.Grains.GetGrain<ILoanServicingGrain>(loan.GetPrimaryKey());
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        await As(borrower, () => servicing.DisburseAsync(new DisburseLoan(borrower, today)));
        var payoff = (await servicing.GetPayoffAsync(ViewerOf(borrower), today))!;
        await As(borrower, () => servicing.RepayAsync(new RecordRepayment(borrower, Guid.CreateVersion7(), payoff.Amount, today, Payoff: true)));

        var lines = TestLogSink.Instance.Lines.Where(l => l.Template == Template && Equals(l.Values["LoanId"], created.LoanId)).ToList();

        Assert.Equal(
            [
                (LoanEvents.LoanCreated, null, borrower.UserId),
                (LoanEvents.LenderInvited, first, borrower.UserId),
                (LoanEvents.LenderInvited, second, borrower.UserId),
                (LoanEvents.ParticipantAccepted, first, lenderA.UserId),
                (LoanEvents.ParticipantAccepted, second, lenderB.UserId),
                (LoanEvents.LoanFunded, null, lenderB.UserId),
                (LoanEvents.LoanDisbursed, null, borrower.UserId),
                (LoanEvents.RepaymentReceived, null, borrower.UserId),
                (LoanEvents.LoanCompleted, null, borrower.UserId),
            ],
            lines.Select(l => ((string)l.Values["LoanEvent"]!, (Guid?)l.Values["ParticipantId"], (Guid?)l.Values["UserId"])));
        Assert.All(lines, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.All(lines, l => Assert.DoesNotContain("@", l.Text, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal("req-" + ((Guid)l.Values["UserId"]!).ToString("N")[..8], l.Values["RequestId"]));
    }

    // The API puts the caller's id and request id in the grain call's request context; so does this test.
    private static async Task<T> As<T>(Actor actor, Func<Task<T>> call)
    {
        RequestContext.Set(AuditContext.ActorIdKey, actor.UserId.ToString("N"));
        RequestContext.Set(AuditContext.RequestIdKey, "req-" + actor.UserId.ToString("N")[..8]);
        try
        {
            return await call();
        }
        finally
        {
            RequestContext.Clear();
        }
    }
}
