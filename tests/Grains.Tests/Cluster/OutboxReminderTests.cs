using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// A loan whose outbox is not empty holds a durable reminder, so undelivered index updates do not wait for someone
/// to touch the loan. The reminder's tick is invoked directly (the production period is a minute).
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class OutboxReminderTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task ReceiveReminder_LoanDeactivatedWithUndeliveredUpdates_DeliversWithoutAnyOtherCallAndRemovesTheReminder()
    {
        var email = Email();
        TestCallFilter.Fail("UpsertAsync", Key(email), 1000);
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        var loanId = grain.GetGrainId();
        Assert.NotNull(await Reminders().ReadRow(loanId, LoanOutboxDelivery.ReminderName));

        // As after a crash: the activation is gone, the update is only in the stored outbox.
        await ClusterFixture.DeactivateAsync(grain);
        TestCallFilter.StopFailing("UpsertAsync", Key(email));
        await grain.Cast<IRemindable>().ReceiveReminder(LoanOutboxDelivery.ReminderName, default);

        var lender = _grains.GetGrain<IInvitationIndexGrain>(Key(email));
        var page = await EventuallyAsync(() => lender.GetInvitationsAsync(null, new PageRequest(10)), p => !p.Items.IsEmpty, "the invitation");
        Assert.Equal(created.Participants[0].ParticipantId, Assert.Single(page.Items).Participant.ParticipantId);
        await EventuallyAsync(() => Reminders().ReadRow(loanId, LoanOutboxDelivery.ReminderName), r => r is null, "the reminder's removal");
    }

    [Fact]
    public async Task CreateAsync_UpdatesToDeliver_RegistersReminderBeforeDelivering()
    {
        var email = Email();
        TestCallFilter.Fail("UpsertAsync", Key(email), 1000);

        var (grain, _) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));

        var reminder = await Reminders().ReadRow(grain.GetGrainId(), LoanOutboxDelivery.ReminderName);
        Assert.NotNull(reminder);
        Assert.Equal(new OutboxReminderOptions().Period, reminder.Period);
        TestCallFilter.StopFailing("UpsertAsync", Key(email));
    }

    private IReminderTable Reminders() =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredService<IReminderTable>();
}
