using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.TestSupport;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>Servicing as days pass, by moving the silo's clock: reminder mail, late notice, default.</summary>
[Collection(ClusterTests.Name)]
public sealed class ServicingClockTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Reminder_ThreeDaysBeforeDue_OneReminderMailToTheBorrower()
    {
        var (loan, borrower) = await DisbursedLoanAsync();
        var due = Today().AddMonths(1);

        using (TestClock.Instance.Move(Days(due.AddDays(-4))))
        {
            await TickAsync(loan);
            Assert.Empty(Reminders(borrower));
        }

        using (TestClock.Instance.Move(Days(due.AddDays(-3))))
        {
            await TickAsync(loan);
            await TickAsync(loan);
            var mail = Assert.Single(await EventuallyAsync(() => Task.FromResult(Reminders(borrower)), m => m.Count > 0, "the reminder mail"));
            Assert.Contains(due.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), mail.Subject, StringComparison.Ordinal);
        }

        using (TestClock.Instance.Move(Days(due.AddDays(-1))))
        {
            await TickAsync(loan);
            Assert.Single(Reminders(borrower));
        }
    }

    [Fact]
    public async Task Reminder_ClockPastGraceThenPastDefault_EachLateNoticeOnceThenDefaulted()
    {
        var (loan, borrower) = await DisbursedLoanAsync();
        var due = Today().AddMonths(1);

        using (TestClock.Instance.Move(Days(due.AddDays(5))))
        {
            await TickAsync(loan);
            await TickAsync(loan);
            var schedule = (await Servicing(loan).GetScheduleAsync(ViewerOf(borrower)))!;
            Assert.Equal(InstallmentStatus.Late, schedule.Installments[0].Status);
            Assert.Equal(5, (await loan.GetAsync(ViewerOf(borrower)))!.Servicing!.DaysPastDue);
            var notice = await EventuallyAsync(() => Task.FromResult(LateNotices(borrower)), m => m.Count > 0, "the late notice");
            Assert.Single(notice);
        }

        using (TestClock.Instance.Move(Days(due.AddDays(90))))
        {
            await TickAsync(loan);
            Assert.Equal(LoanStatus.Defaulted, (await loan.GetAsync(ViewerOf(borrower)))!.Status);
        }

        // Each late notice once: the first for installment 1, another only for installments found late since.
        var notices = LateNotices(borrower);
        Assert.Equal(notices.Count, notices.DistinctBy(m => m.MessageId).Count());
        Assert.Single(notices, m => m.Subject == "Installment 1 of your loan is late");
    }

    private static DateOnly Today() => DateOnly.FromDateTime(TestClock.Instance.GetUtcNow().UtcDateTime);

    /// <summary>How far to move the clock so that today is <paramref name="day"/>.</summary>
    private static TimeSpan Days(DateOnly day) => TimeSpan.FromDays(day.DayNumber - Today().DayNumber);

    private static List<Mail.OutgoingMail> Reminders(Actor borrower) =>
        [.. TestMailbox.Instance.To(borrower.Email).Where(m => m.Subject.StartsWith("Payment reminder", StringComparison.Ordinal))];

    private static List<Mail.OutgoingMail> LateNotices(Actor borrower) =>
        [.. TestMailbox.Instance.To(borrower.Email).Where(m => m.Subject.EndsWith("is late", StringComparison.Ordinal))];

    private static Task TickAsync(ILoanGrain loan) => loan.Cast<IRemindable>().ReceiveReminder(LoanServicingReminder.ReminderName, default);

    private ILoanServicingGrain Servicing(ILoanGrain loan) => _grains.GetGrain<ILoanServicingGrain>(loan.GetPrimaryKey());

    private async Task<(ILoanGrain Loan, Actor Borrower)> DisbursedLoanAsync()
    {
        var borrower = User();
        var email = Email();
        var (loan, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 1000m));
        await loan.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true));
        await Servicing(loan).DisburseAsync(new DisburseLoan(borrower, Today()));
        return (loan, borrower);
    }
}
