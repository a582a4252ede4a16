using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>Business metrics are a projection of the committed changes: each counts once under its name.</summary>
[Collection(ClusterTests.Name)]
public sealed class LoanMetricsTests(ClusterFixture fixture) : IDisposable
{
    // The cluster's tests run one at a time; what earlier tests left running in the background (deadlines,
    // account links) makes none of the changes counted here, which only commands make.
    private readonly CounterRecorder _counts = new(LoanMetrics.MeterName, "change");

    [Fact]
    public async Task Changes_CreateInviteAnswerToFunded_EachCountedOnceByName()
    {
        var (first, second, third) = (Email("first"), Email("second"), Email("third"));
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(fixture.Grains, borrower, 100m, Invite(first, 60m), Invite(second, 40m));

        await grain.DeclineAsync(Respond(LenderFor(second), created.Participants[1].ParticipantId, accept: false));
        await grain.AcceptAsync(Respond(LenderFor(first), created.Participants[0].ParticipantId, accept: true));
        var added = await grain.AddLendersAsync(new AddLenders(borrower, [Invite(third, 40m)]));
        await grain.AcceptAsync(Respond(LenderFor(third), added.Value.Added[0].ParticipantId, accept: true));

        Assert.Equal(1, Count(LoanEvents.LoanCreated));
        Assert.Equal(3, Count(LoanEvents.LenderInvited));
        Assert.Equal(1, Count(LoanEvents.ParticipantDeclined));
        Assert.Equal(2, Count(LoanEvents.ParticipantAccepted));
        Assert.Equal(1, Count(LoanEvents.LoanFunded));
    }

    public void Dispose() => _counts.Dispose();

    private long Count(string change) => _counts.Of("privatelending.loan.changes", change);
}
