using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Outbox;

namespace PrivateLending.Grains.Tests.Domain;

/// <summary>The parked list as pure functions: bounded per subject, superseded by newer deliveries, re-queued once.</summary>
public sealed class LoanParkingTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid Participant = Guid.NewGuid();

    [Fact]
    public void Park_NewerUpdateOfSameParticipant_ReplacesOlderAndLeavesOutbox()
    {
        var loan = new LoanState();
        var older = Update(loan, version: 1);
        var newer = Update(loan, version: 3);

        LoanParking.Park(loan, [older], "GrainStateTooLargeException", Now);
        LoanParking.Park(loan, [newer], "GrainStateTooLargeException", Now);

        Assert.Empty(loan.Outbox);
        Assert.Equal(3, Assert.Single(loan.Parked).Message!.LoanVersion);
    }

    [Fact]
    public void Delivered_NewerUpdateOfParkedParticipant_DropsParked()
    {
        var loan = new LoanState();
        LoanParking.Park(loan, [Update(loan, version: 1)], "DomainException:Validation", Now);

        LoanParking.Delivered(loan, [Update(loan, version: 2)]);

        Assert.Empty(loan.Parked);
    }

    [Fact]
    public void Requeue_NewerUpdateAlreadyWaiting_SkipsParkedAndClearsList()
    {
        var loan = new LoanState();
        LoanParking.Park(loan, [Update(loan, version: 1)], "DomainException:Validation", Now);
        Update(loan, version: 2);

        Assert.Equal(0, LoanParking.Requeue(loan));
        Assert.Empty(loan.Parked);
        Assert.Equal(2, Assert.Single(loan.Outbox).LoanVersion);
    }

    [Fact]
    public void Requeue_Parked_BackInOutboxWithNewSequenceNumber()
    {
        var loan = new LoanState();
        var parked = Update(loan, version: 1);
        LoanParking.Park(loan, [parked], "DomainException:Validation", Now);

        Assert.Equal(1, LoanParking.Requeue(loan));
        var requeued = Assert.Single(loan.Outbox);
        Assert.True(requeued.Seq > parked.Seq);
        Assert.Equal((parked.ParticipantId, parked.LoanVersion), (Assert.IsType<LenderIndexMessage>(requeued).ParticipantId, requeued.LoanVersion));
    }

    private static LenderIndexMessage Update(LoanState loan, long version)
    {
        var update = new LenderIndexMessage
        {
            Seq = loan.NextOutboxSeq++, NormalizedEmail = "lender@example.com", ParticipantId = Participant,
            Status = ParticipantStatus.Pending, Version = version, LoanStatus = LoanStatus.Pending,
        };
        loan.Outbox.Add(update);
        return update;
    }
}
