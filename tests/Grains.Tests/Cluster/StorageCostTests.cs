using PrivateLending.Grains.Abstractions.Borrowers;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Borrowers;
using PrivateLending.Grains.Lenders;
using PrivateLending.Grains.Limits;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Mail;
using PrivateLending.Grains.Webhooks;
using PrivateLending.TestSupport.Audit;
using PrivateLending.Grains.Tests.Infrastructure;
using Xunit.Abstractions;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>Measured storage writes and reads per operation (counted by the test silo's state serializer).</summary>
[Collection(ClusterTests.Name)]
public sealed class StorageCostTests(ClusterFixture fixture, ITestOutputHelper output)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Commands_StorageWrites_OnePerGrainWhoseStateChanges()
    {
        var borrower = User();

        var create = await Measure(() => CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 10m), Invite(Email(), 10m), Invite(Email(), 10m)));
        var grain = create.Result.Grain;
        var add = await Measure(() => grain.AddLendersAsync(new Abstractions.Loans.AddLenders(borrower, Invites(10, 10m))));
        var p = create.Result.View.Participants[0];
        var accept = await Measure(() => grain.AcceptAsync(Respond(LenderFor(p.LenderEmail), p.ParticipantId, accept: true)));

        output.WriteLine($"create with 3 lenders: {create.Writes}");
        output.WriteLine($"add 10 lenders: {add.Writes}");
        output.WriteLine($"accept: {accept.Writes}");
        Assert.Equal((1, 1, 3), create.Writes);
        Assert.Equal((1, 0, 10), add.Writes);
        Assert.Equal((1, 0, 1), accept.Writes);
    }

    /// <summary>
    /// Every write a command leads to once its outbox has been delivered: the loan, the indexes, invitation mails,
    /// webhook state, audit entries and the reminders table (the outbox's reminder is registered for the write and
    /// removed once the outbox is empty; a loan's first write also registers its funding deadline).
    /// </summary>
    [Fact]
    public async Task Commands_WritesUntilDelivered_EveryTableCounted()
    {
        var borrower = User();

        var create = await MeasureSettled(null, () => CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 10m), Invite(Email(), 10m), Invite(Email(), 10m)),
            r => r.Grain.GetGrainId());
        var grain = create.Result.Grain;
        var add = await MeasureSettled(grain.GetGrainId(), () => grain.AddLendersAsync(new Abstractions.Loans.AddLenders(borrower, Invites(10, 10m))));
        var p = create.Result.View.Participants[0];
        var accept = await MeasureSettled(grain.GetGrainId(), () => grain.AcceptAsync(Respond(LenderFor(p.LenderEmail), p.ParticipantId, accept: true)));

        output.WriteLine($"create with 3 lenders: {create.Writes}");
        output.WriteLine($"add 10 lenders: {add.Writes}");
        output.WriteLine($"accept: {accept.Writes}");
        // Invitation mails: one write queues the command's mails, one records them sent; audit: one entry per change;
        // daily limits: the sender's invitation count once per command, each recipient's mail count once per mail.
        Assert.Equal(new AllWrites(1, 1, 3, 2, 0, 4, 2, 1 + 3), create.Writes);
        Assert.Equal(new AllWrites(1, 0, 10, 2, 0, 10, 0, 1 + 10), add.Writes with { Reminder = 0 });
        Assert.Equal(new AllWrites(1, 0, 1, 0, 0, 1, 0, 0), accept.Writes with { Reminder = 0 });
        // A warm loan registers the outbox reminder at most once and removes it at most once per command; when the
        // previous command's removal has not happened yet, the next command finds it registered and writes nothing.
        Assert.InRange(add.Writes.Reminder, 0, 2);
        Assert.InRange(accept.Writes.Reminder, 0, 2);
    }

    [Fact]
    public async Task GetLoansAsync_TenLoansWithThreeLendersEach_OneReadPerGrainAndNoWrites()
    {
        var borrower = User();
        var loans = new List<Abstractions.Loans.ILoanGrain>();
        for (var i = 0; i < 10; i++)
        {
            loans.Add((await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 1m), Invite(Email(), 2m), Invite(Email(), 3m))).Grain);
        }

        var index = _grains.GetGrain<IBorrowerGrain>(borrower.UserId);
        await Task.WhenAll(loans.Select(l => ClusterFixture.DeactivateAsync(l)).Append(ClusterFixture.DeactivateAsync(index)));
        await Task.Delay(300);

        var (loanReads, borrowerReads) = (CountingJsonSerializer.Reads<LoanState>(), CountingJsonSerializer.Reads<BorrowerState>());
        var page = await Measure(() => index.GetLoansAsync(new PageRequest(10)));
        var reads = (CountingJsonSerializer.Reads<LoanState>() - loanReads, CountingJsonSerializer.Reads<BorrowerState>() - borrowerReads);

        output.WriteLine($"cold page of 10 loans x 3 lenders: reads (loan, borrower) {reads}, writes {page.Writes}");
        Assert.Equal(10, page.Result.Items.Length);
        Assert.All(page.Result.Items, l => Assert.Equal(3, l.Participants.Length));
        Assert.Equal((10, 1), reads);
        Assert.Equal((0, 0, 0), page.Writes);
    }

    private static async Task<(T Result, (int Loan, int Borrower, int Lender) Writes)> Measure<T>(Func<Task<T>> operation)
    {
        var before = Snapshot();
        var result = await operation();
        var after = Snapshot();
        return (result, (after.Loan - before.Loan, after.Borrower - before.Borrower, after.Lender - before.Lender));
    }

    /// <summary>
    /// Runs the operation, then waits until no counter has moved for half a second (the outbox delivered). Reminder
    /// writes are the loan's own (<paramref name="loan"/>, or the one the result names): other tests' grains share the silo.
    /// </summary>
    private static async Task<(T Result, AllWrites Writes)> MeasureSettled<T>(GrainId? loan, Func<Task<T>> operation, Func<T, GrainId>? loanOf = null)
    {
        var before = AllWrites.Now(loan);
        var result = await operation();
        loan ??= loanOf?.Invoke(result);
        var (last, quiet) = (AllWrites.Now(loan), 0);
        for (var i = 0; i < 200 && quiet < 5; i++)
        {
            await Task.Delay(100);
            var now = AllWrites.Now(loan);
            (last, quiet) = (now, now == last ? quiet + 1 : 0);
        }

        return (result, last - before);
    }

    /// <summary>Writes per table: the loan, borrower index, lender index, invitation mail, webhook, audit, reminder tables and daily limits.</summary>
    private sealed record AllWrites(int Loan, int Borrower, int Lender, int Mail, int Webhook, int Audit, int Reminder, int Limits)
    {
        public static AllWrites Now(GrainId? loan) => new(
            CountingJsonSerializer.Writes<LoanState>(),
            CountingJsonSerializer.Writes<BorrowerState>(),
            CountingJsonSerializer.Writes<LenderState>(),
            CountingJsonSerializer.Writes<InvitationMailState>(),
            CountingJsonSerializer.Writes<WebhookState>() + CountingJsonSerializer.Writes<WebhookOwnerState>(),
            MemoryAuditStore.Instance.Entries.Count,
            loan is { } id ? CountingReminderTable.WritesOf(id) : 0,
            CountingJsonSerializer.Writes<DailyCounterState>());

        public static AllWrites operator -(AllWrites a, AllWrites b) => new(
            a.Loan - b.Loan, a.Borrower - b.Borrower, a.Lender - b.Lender, a.Mail - b.Mail, a.Webhook - b.Webhook,
            a.Audit - b.Audit, a.Reminder - b.Reminder, a.Limits - b.Limits);
    }

    private static (int Loan, int Borrower, int Lender) Snapshot() =>
        (CountingJsonSerializer.Writes<LoanState>(), CountingJsonSerializer.Writes<BorrowerState>(), CountingJsonSerializer.Writes<LenderState>());
}
