using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Servicing;
using PrivateLending.Grains.Webhooks;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>
/// The projection invariants of the property model, for the servicing changes: every change yields exactly one
/// history record, one audit entry and one webhook event of its name, in order, with ids that never collide.
/// </summary>
public sealed class ServicingProjectionTests
{
    private static readonly DateTimeOffset Now = new(2026, 6, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    [Fact]
    public void ServicingChanges_DisbursedLateDefaultedRepaidCompleted_OneRecordAuditEntryAndWebhookEach()
    {
        var (loan, borrower, lenders) = Funded();
        var history = loan.History.Count;
        var names = new List<string>();

        names.AddRange(Run(loan, changes => LoanServicing.Disburse(loan, new DisburseLoan(borrower, Today.AddMonths(-2).AddDays(-10)), Now, DelinquencyRules.Default, changes)));
        names.AddRange(Run(loan, changes => LoanServicing.RecordDelinquency(loan, Now.AddDays(60), DelinquencyRules.Default, changes)));
        names.AddRange(Run(loan, changes => LoanServicing.RecordDelinquency(loan, Now.AddDays(61), DelinquencyRules.Default, changes)));
        var payoff = Payoff.Quote(loan.Servicing!, Today).Amount;
        names.AddRange(Run(loan, changes => LoanServicing.Repay(loan, new RecordRepayment(borrower, Guid.NewGuid(), payoff, Today, Payoff: true), Now, DelinquencyRules.Default, changes)));

        Assert.Equal([LoanEvents.LoanDisbursed, LoanEvents.InstallmentLate, LoanEvents.InstallmentLate, LoanEvents.LoanDefaulted,
            LoanEvents.RepaymentReceived, LoanEvents.LoanCompleted], names);
        Assert.Equal(names, loan.History.Skip(history).Select(h => h.Action));
        var audit = loan.Outbox.OfType<AuditMessage>().Select(m => m.Entry!).ToList();
        var webhooks = loan.Outbox.OfType<WebhookMessage>().ToList();
        Assert.Equal(names, audit.Select(a => a.Action));
        Assert.Equal(names, webhooks.Select(w => w.EventType));
        Assert.Equal(audit.Count, audit.Select(a => a.EntryId).Distinct().Count());
        Assert.Equal(webhooks.Count, webhooks.Select(WebhookPayloads.MessageId).Distinct().Count());
        Assert.All(webhooks, w => Assert.Equal(lenders.Select(l => l.UserId).Order(), w.Lenders.Order()));
        Assert.All(audit.Where(a => a.Action is LoanEvents.InstallmentLate or LoanEvents.LoanDefaulted), a => Assert.Null(a.ActorId));
    }

    [Fact]
    public void RecordDelinquency_NothingNew_NoChangeNoVersion()
    {
        var (loan, borrower, _) = Funded();
        Run(loan, changes => LoanServicing.Disburse(loan, new DisburseLoan(borrower, Today.AddDays(-40)), Now, DelinquencyRules.Default, changes));
        var version = loan.Version;

        var changes = new List<LoanChange>();
        Assert.False(LoanServicing.RecordDelinquency(loan, Now, DelinquencyRules.Default, changes));

        Assert.Empty(changes);
        Assert.Equal(version, loan.Version);
        Assert.Equal(1, loan.LateInstallmentsRecorded);
    }

    private static List<string> Run<T>(LoanState loan, Func<List<LoanChange>, T> command)
    {
        var changes = new List<LoanChange>();
        command(changes);
        LoanProjections.Apply(loan, changes, Now, null);
        return [.. changes.Select(c => c.Name)];
    }

    private static (LoanState Loan, Actor Borrower, Actor[] Lenders) Funded()
    {
        var borrower = User();
        var (a, b) = (Email(), Email());
        var loan = new LoanState();
        IndexedCommands.Create(loan, Guid.NewGuid(), Create(borrower, 1000m, Invite(a, 600m), Invite(b, 400m)), Now.AddDays(-200));
        Actor[] lenders = [LenderFor(a), LenderFor(b)];
        for (var i = 0; i < lenders.Length; i++)
        {
            IndexedCommands.Respond(loan, Respond(lenders[i], loan.Participants[i].ParticipantId, accept: true), accept: true, Now.AddDays(-200));
            loan.Participants[i].LenderId = lenders[i].UserId;
        }

        loan.Outbox.Clear();
        return (loan, borrower, lenders);
    }
}
