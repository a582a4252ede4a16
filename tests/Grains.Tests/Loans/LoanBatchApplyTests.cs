using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Tests.Domain;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Loans;

/// <summary>A batch of queued commands checked in order against the state the earlier ones leave: no cluster involved.</summary>
public sealed class LoanBatchApplyTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly Actor _borrower = User(email: "borrower@example.com");

    [Fact]
    public async Task ApplyAsync_AdditionsBeyondTheAmount_LaterOnesRefusedAndLeaveNothing()
    {
        var committed = Loan(100m);
        var additions = Amounts(40m, 40m, 40m, 20m).Select(a => Addition(Invite(Email(), a))).ToArray();

        var outcome = await LoanBatchApply.ApplyAsync(committed, additions, Now, NoPreparation);

        Assert.Equal([40m, 80m, 100m], additions.Where(Accepted).Select(a => a.Answer().Value.Funding.TotalInvited));
        Assert.Equal(DomainErrorCode.OverFunding, Assert.Throws<DomainException>(() => additions[2].Answer()).Code);
        Assert.Equal(100m, LoanViews.Figures(outcome.Next).TotalInvited);
        Assert.Equal(3, outcome.Next.Participants.Count);
        Assert.Equal(committed.Version + 3, outcome.Next.Version);
        Assert.Empty(committed.Participants); // the committed state is never changed
        Assert.True(outcome.Write);
    }

    [Fact]
    public async Task ApplyAsync_SameIdempotencyKeyTwice_SecondReplaysTheFirstAndAppliesNothing()
    {
        var committed = Loan(100m);
        var token = Token();
        var command = Add(_borrower, Invite(Email(), 30m)) with { Idempotency = token };
        var (first, second) = (Addition(command), Addition(command));

        var outcome = await LoanBatchApply.ApplyAsync(committed, [first, second], Now, NoPreparation);

        Assert.False(first.Answer().Replayed);
        Assert.True(second.Answer().Replayed);
        Assert.Equal(first.Answer().Value.Added.Single().ParticipantId, second.Answer().Value.Added.Single().ParticipantId);
        Assert.Single(outcome.Next.Participants);
        Assert.Equal(committed.Version + 1, outcome.Next.Version);
    }

    [Fact]
    public async Task ApplyAsync_PreparationRefusesOneCommand_OnlyThatCommandIsDropped()
    {
        var committed = Loan(100m);
        var additions = Amounts(10m, 20m, 30m).Select(a => Addition(Invite(Email(), a))).ToArray();
        var prepared = new List<AuditRequest?>();

        var outcome = await LoanBatchApply.ApplyAsync(committed, additions, Now, (loan, changes, request) =>
        {
            // The quota stands in here: the second command's invitations are over it.
            if (loan.Participants.Exists(p => p.ContributionAmount == 20m))
            {
                throw new DomainException(DomainErrorCode.InvitationQuotaExceeded, "quota");
            }

            LoanProjections.Apply(loan, changes, Now, request);
            prepared.Add(request);
            return Task.CompletedTask;
        });

        Assert.Equal(DomainErrorCode.InvitationQuotaExceeded, Assert.Throws<DomainException>(() => additions[1].Answer()).Code);
        Assert.Equal([10m, 30m], outcome.Next.Participants.Select(p => p.ContributionAmount));
        Assert.Equal(2, prepared.Count);
        Assert.Equal(2, outcome.Changes.Count(c => c.SendsInvitation));
        Assert.Empty(additions[1].Changes);
    }

    [Fact]
    public async Task ApplyAsync_EveryCommandRefused_NothingToWrite()
    {
        var committed = Loan(100m);
        var additions = Amounts(200m, 300m).Select(a => Addition(Invite(Email(), a))).ToArray();

        var outcome = await LoanBatchApply.ApplyAsync(committed, additions, Now, NoPreparation);

        Assert.False(outcome.Write);
        Assert.Same(committed, outcome.Next);
        Assert.All(additions, a => Assert.Throws<DomainException>(() => a.Answer()));
    }

    private static decimal[] Amounts(params decimal[] amounts) => amounts;

    private static bool Accepted(QueuedCommand<LenderAddition> command)
    {
        try
        {
            command.Answer();
            return true;
        }
        catch (DomainException)
        {
            return false;
        }
    }

    private static Task NoPreparation(LoanState loan, List<LoanChange> changes, AuditRequest? request) => Task.CompletedTask;

    private LoanState Loan(decimal amount)
    {
        var loan = new LoanState();
        IndexedCommands.Create(loan, Guid.NewGuid(), Create(_borrower, amount), Now);
        return loan;
    }

    private QueuedCommand<LenderAddition> Addition(params LenderInvite[] invites) => Addition(Add(_borrower, invites));

    private static QueuedCommand<LenderAddition> Addition(AddLenders command) =>
        new(command.Actor, command.Idempotency, null, loan => LoanAccess.RequireInviter(loan, command.Actor),
            (loan, now, changes) => LoanCommands.AddLenders(loan, command, now, changes), LoanReceipts.Of, LoanReceipts.Addition);
}
