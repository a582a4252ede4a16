using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Tests.Infrastructure;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>
/// Business events in the log: every committed loan change is one Information line of one template, with the loan's,
/// the participation's and the acting user's ids (none for what the system did), and never an email address.
/// </summary>
public sealed class LoanEventLogTests
{
    [Fact]
    public void Write_CreatedInvitedAcceptedFundedExpiredCompleted_OneLineEachWithIdsAndNoEmail()
    {
        var sink = new TestLogSink();
        var logger = sink.CreateLogger(typeof(LoanGrain).FullName!);
        var (loanId, participant, actor) = (Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid());
        var loan = new LoanState { LoanId = loanId, Version = 3 };
        LoanChange[] changes =
        [
            new LoanCreated(), new LenderInvited(participant), new InvitationAccepted(participant, null), new LoanFunded(),
            new LoanExpired(), new LoanCompleted(Abstractions.Loans.LoanStatus.Active),
        ];

        LoanEventLog.Write(logger, loan, changes, new AuditRequest(actor, "203.0.113.9", "agent", "req-1"));

        var lines = sink.Lines;
        Assert.Equal(
            [
                (LoanEvents.LoanCreated, null, actor), (LoanEvents.LenderInvited, participant, actor),
                (LoanEvents.ParticipantAccepted, participant, actor), (LoanEvents.LoanFunded, null, actor),
                (LoanEvents.LoanExpired, null, null), (LoanEvents.LoanCompleted, null, actor),
            ],
            lines.Select(l => ((string)l.Values["LoanEvent"]!, (Guid?)l.Values["ParticipantId"], (Guid?)l.Values["UserId"])));
        Assert.All(lines, l => Assert.Equal(LogLevel.Information, l.Level));
        Assert.All(lines, l => Assert.Equal(loanId, l.Values["LoanId"]));
        Assert.All(lines, l => Assert.Equal(3L, l.Values["LoanVersion"]));
        Assert.All(lines, l => Assert.Equal("req-1", l.Values["RequestId"]));
        Assert.All(lines, l => Assert.DoesNotContain("@", l.Text, StringComparison.Ordinal));
    }
}
