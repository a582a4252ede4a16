using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// An index update its target refuses for good is parked (out of the outbox, kept in the loan's state, reported),
/// not retried forever; a transient failure is still retried until delivered.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class OutboxParkingTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Outbox_TargetRefusesPermanently_ParkedOutboxEmptiedReminderRemovedAndNotResentAfterReactivation()
    {
        var email = Email();
        using var parked = new ParkedCounter();
        TestCallFilter.FailWith("UpsertAsync", Key(email), () => new GrainStateTooLargeException($"lender/{Key(email)}", "lender", 409_638, 400 * 1024));
        try
        {
            var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
            var parking = grain.Cast<ILoanParkingGrain>();

            var report = await EventuallyAsync(parking.GetOutboxReportAsync, r => r.Waiting == 0 && r.Parked.Length == 1, "the update parked");
            var entry = Assert.Single(report.Parked);
            Assert.Equal((LenderIndexMessage.KindName, created.Participants[0].ParticipantId, nameof(GrainStateTooLargeException)), (entry.Kind, entry.ParticipantId, entry.Reason));
            Assert.True(parked.Total >= 1);
            await EventuallyAsync(() => Reminders().ReadRow(grain.GetGrainId(), LoanOutboxDelivery.ReminderName), r => r is null, "the reminder's removal");

            // Stored, not only in memory: a new activation neither re-sends the update nor forgets it.
            var sent = TestCallFilter.CallCount("UpsertAsync", Key(email));
            await ClusterFixture.DeactivateAsync(grain);
            var afterReactivation = await parking.GetOutboxReportAsync();
            await Task.Delay(TimeSpan.FromSeconds(1.5));
            // Other kinds delivered before (the invitation mail) may still be stored until the next write and are
            // re-sent harmlessly; the parked lender update is neither in the outbox again nor sent again.
            Assert.Single(afterReactivation.Parked);
            Assert.Equal(sent, TestCallFilter.CallCount("UpsertAsync", Key(email)));
        }
        finally
        {
            TestCallFilter.StopFailing("UpsertAsync", Key(email));
        }
    }

    [Fact]
    public async Task RequeueParkedAsync_CauseFixed_DeliversAndEmptiesParkedList()
    {
        var email = Email();
        TestCallFilter.FailWith("UpsertAsync", Key(email), () => new DomainException(DomainErrorCode.Validation, "refused"));
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        var parking = grain.Cast<ILoanParkingGrain>();
        await EventuallyAsync(parking.GetOutboxReportAsync, r => r.Parked.Length == 1, "the update parked");
        TestCallFilter.StopFailing("UpsertAsync", Key(email));

        Assert.Equal(1, await parking.RequeueParkedAsync());

        var page = await EventuallyAsync(() => _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetInvitationsAsync(null, new PageRequest(10)),
            p => !p.Items.IsEmpty, "the re-queued invitation");
        Assert.Equal(created.Participants[0].ParticipantId, Assert.Single(page.Items).Participant.ParticipantId);
        Assert.Equal((0, 0), await EventuallyAsync(async () => await parking.GetOutboxReportAsync() is var r ? (r.Waiting, r.Parked.Length) : default,
            r => r == (0, 0), "an empty outbox"));
    }

    [Fact]
    public async Task Outbox_StorageUnavailableAtTarget_KeptAndRetriedNotParked()
    {
        var email = Email();
        TestCallFilter.FailWith("UpsertAsync", Key(email), () => new StorageUnavailableException("storage is down"));
        try
        {
            var (grain, _) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
            await EventuallyAsync(() => Task.FromResult(TestCallFilter.CallCount("UpsertAsync", Key(email))), n => n >= 2, "a retry");

            var report = await grain.Cast<ILoanParkingGrain>().GetOutboxReportAsync();
            Assert.Equal((1, 0), (report.Waiting, report.Parked.Length));
            Assert.NotNull(await Reminders().ReadRow(grain.GetGrainId(), LoanOutboxDelivery.ReminderName));
        }
        finally
        {
            TestCallFilter.StopFailing("UpsertAsync", Key(email));
        }

        await EventuallyAsync(() => _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetInvitationsAsync(null, new PageRequest(10)),
            p => !p.Items.IsEmpty, "delivery once storage is back");
    }

    private IReminderTable Reminders() =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredService<IReminderTable>();

    /// <summary>Sums the parked counter's measurements while alive (the meter is process-wide; tests only assert "at least").</summary>
    private sealed class ParkedCounter : IDisposable
    {
        private readonly MeterListener _listener = new();
        private long _total;

        public ParkedCounter()
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OutboxMetrics.MeterName && instrument.Name == "privatelending.outbox.parked")
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((_, value, _, _) => Interlocked.Add(ref _total, value));
            _listener.Start();
        }

        public long Total => Interlocked.Read(ref _total);

        public void Dispose() => _listener.Dispose();
    }
}
