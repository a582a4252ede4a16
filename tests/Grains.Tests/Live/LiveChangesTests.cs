using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Live;
using PrivateLending.Grains.Loans;

namespace PrivateLending.Grains.Tests.Live;

public sealed class LiveChangesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Describe_NoPreviousState_Created()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending));
        var (change, ids) = LiveChanges.Describe(null, loan);
        Assert.Equal(FundingChange.Created, change);
        Assert.Equal(loan.Participants[0].ParticipantId, Assert.Single(ids));
    }

    [Fact]
    public void Describe_ParticipantAccepted_ParticipantAcceptedWithItsId()
    {
        var before = Loan(Participant(ParticipantStatus.Pending), Participant(ParticipantStatus.Pending));
        var after = Next(before, l => l.Participants[1].Status = ParticipantStatus.Accepted);
        var (change, ids) = LiveChanges.Describe(before, after);
        Assert.Equal(FundingChange.ParticipantAccepted, change);
        Assert.Equal(after.Participants[1].ParticipantId, Assert.Single(ids));
    }

    [Fact]
    public void Describe_AcceptanceFundsTheLoan_LoanFunded()
    {
        var before = Loan(Participant(ParticipantStatus.Pending));
        var after = Next(before, l =>
        {
            l.Participants[0].Status = ParticipantStatus.Accepted;
            l.Status = LoanStatus.Funded;
        });
        Assert.Equal(FundingChange.LoanFunded, LiveChanges.Describe(before, after).Change);
    }

    [Fact]
    public void Describe_ParticipantDeclined_ParticipantDeclined()
    {
        var before = Loan(Participant(ParticipantStatus.Pending));
        var after = Next(before, l => l.Participants[0].Status = ParticipantStatus.Declined);
        Assert.Equal(FundingChange.ParticipantDeclined, LiveChanges.Describe(before, after).Change);
    }

    [Fact]
    public void Describe_NewParticipants_LenderInvitedWithTheirIds()
    {
        var before = Loan(Participant(ParticipantStatus.Pending));
        var added = Participant(ParticipantStatus.Pending);
        var after = Next(before, l => l.Participants.Add(added));
        var (change, ids) = LiveChanges.Describe(before, after);
        Assert.Equal(FundingChange.LenderInvited, change);
        Assert.Equal(added.ParticipantId, Assert.Single(ids));
    }

    [Fact]
    public void Describe_Cancelled_LoanCancelled()
    {
        var before = Loan(Participant(ParticipantStatus.Pending));
        var after = Next(before, l => l.Status = LoanStatus.Cancelled);
        Assert.Equal(FundingChange.LoanCancelled, LiveChanges.Describe(before, after).Change);
    }

    [Fact]
    public void Describe_TermsChanged_TermsChanged()
    {
        var before = Loan();
        var after = Next(before, l => l.Amount = 2000m);
        Assert.Equal(FundingChange.TermsChanged, LiveChanges.Describe(before, after).Change);
    }

    [Fact]
    public void Describe_OnlyAnAccountLinked_Updated()
    {
        var before = Loan(Participant(ParticipantStatus.Pending));
        var after = Next(before, l => l.Participants[0].LenderId = Guid.NewGuid());
        Assert.Equal(FundingChange.Updated, LiveChanges.Describe(before, after).Change);
    }

    [Fact]
    public void ToEvent_AcceptedWithBankDetails_CarriesFiguresButNoBankDetails()
    {
        var before = Loan(Participant(ParticipantStatus.Pending));
        var after = Next(before, l =>
        {
            l.Participants[0].Status = ParticipantStatus.Accepted;
            l.Participants[0].Ach = new AchState { Ciphertext = "sealed", AccountHolder = "Ann", AccountType = "checking", AccountLast4 = "1234" };
        });

        var item = LiveChanges.ToEvent(before, after, Now);
        Assert.Equal(after.LoanId, item.LoanId);
        Assert.Equal(after.Version, item.Version);
        Assert.Equal(Now, item.At);
        Assert.Equal(400m, item.Loan.Funding.TotalFunded);
        Assert.Equal(40m, item.Loan.Funding.FundingPercentage);
        Assert.All(item.Loan.Participants, p => Assert.Null(p.Ach));
    }

    [Fact]
    public void Invitees_RepeatedEmail_ListedOnce()
    {
        var first = Linked(Participant(ParticipantStatus.Declined));
        var again = Linked(Participant(ParticipantStatus.Pending));
        again.NormalizedEmail = first.NormalizedEmail;
        Assert.Equal([first.NormalizedEmail], LiveChanges.Invitees(null, Loan(first, again)));
    }

    [Fact]
    public void Invitees_Created_EveryLinkedParticipantButNoUnlinked()
    {
        var linked = Linked(Participant(ParticipantStatus.Pending));
        var unlinked = Participant(ParticipantStatus.Pending);
        Assert.Equal([linked.NormalizedEmail], LiveChanges.Invitees(null, Loan(linked, unlinked)));
    }

    [Fact]
    public void Invitees_UnlinkedParticipants_GetNothingEvenOnStatusChange()
    {
        var before = Loan(Participant(ParticipantStatus.Pending), Participant(ParticipantStatus.Pending));
        var after = Next(before, l => l.Status = LoanStatus.Cancelled);
        Assert.Empty(LiveChanges.Invitees(before, after));
    }

    [Fact]
    public void Invitees_AnotherLenderAccepts_OnlyTheAccepter()
    {
        var before = Loan(Linked(Participant(ParticipantStatus.Pending)), Linked(Participant(ParticipantStatus.Pending)));
        var after = Next(before, l => l.Participants[1].Status = ParticipantStatus.Accepted);
        Assert.Equal([after.Participants[1].NormalizedEmail], LiveChanges.Invitees(before, after));
    }

    [Fact]
    public void Invitees_NewlyInvited_OnlyTheNewLinkedOnes()
    {
        var before = Loan(Linked(Participant(ParticipantStatus.Pending)));
        var added = Linked(Participant(ParticipantStatus.Pending));
        var after = Next(before, l =>
        {
            l.Participants.Add(added);
            l.Participants.Add(Participant(ParticipantStatus.Pending));
        });
        Assert.Equal([added.NormalizedEmail], LiveChanges.Invitees(before, after));
    }

    [Fact]
    public void Invitees_AccountLinked_OnlyThatParticipant()
    {
        var before = Loan(Linked(Participant(ParticipantStatus.Pending)), Participant(ParticipantStatus.Pending));
        var after = Next(before, l => l.Participants[1].LenderId = Guid.NewGuid());
        Assert.Equal([after.Participants[1].NormalizedEmail], LiveChanges.Invitees(before, after));
    }

    [Fact]
    public void Invitees_Funded_EveryLinkedParticipant()
    {
        var before = Loan(Linked(Participant(ParticipantStatus.Pending)), Linked(Participant(ParticipantStatus.Accepted)), Participant(ParticipantStatus.Pending));
        var after = Next(before, l =>
        {
            l.Participants[0].Status = ParticipantStatus.Accepted;
            l.Status = LoanStatus.Funded;
        });
        Assert.Equal([after.Participants[0].NormalizedEmail, after.Participants[1].NormalizedEmail], LiveChanges.Invitees(before, after));
    }

    [Fact]
    public void Invitees_TermsChanged_EveryLinkedParticipant()
    {
        var before = Loan(Linked(Participant(ParticipantStatus.Pending)), Linked(Participant(ParticipantStatus.Declined)), Participant(ParticipantStatus.Pending));
        var after = Next(before, l => l.Amount = 2000m);
        Assert.Equal([before.Participants[0].NormalizedEmail, before.Participants[1].NormalizedEmail], LiveChanges.Invitees(before, after));
    }

    [Fact]
    public void Invitees_Expired_EveryLinkedParticipant()
    {
        var before = Loan(Linked(Participant(ParticipantStatus.Pending)));
        var after = Next(before, l => l.Status = LoanStatus.Expired);
        Assert.Equal([before.Participants[0].NormalizedEmail], LiveChanges.Invitees(before, after));
    }

    [Fact]
    public void Invitees_NothingConcerningInvitees_Nobody()
    {
        var before = Loan(Linked(Participant(ParticipantStatus.Pending)));
        var after = Next(before, _ => { });
        Assert.Empty(LiveChanges.Invitees(before, after));
    }

    private static ParticipantState Linked(ParticipantState participant)
    {
        participant.LenderId = Guid.NewGuid();
        return participant;
    }

    private static LoanState Loan(params ParticipantState[] participants) => new()
    {
        Exists = true,
        LoanId = Guid.NewGuid(),
        BorrowerId = Guid.NewGuid(),
        BorrowerName = "Bo",
        Amount = 1000m,
        InterestRate = 5m,
        TermMonths = 12,
        Purpose = "Roof",
        Version = 1,
        CreatedAt = Now,
        UpdatedAt = Now,
        Participants = [.. participants],
    };

    private static ParticipantState Participant(ParticipantStatus status)
    {
        var email = $"l{Guid.NewGuid():N}@example.com";
        return new ParticipantState
        {
            ParticipantId = Guid.NewGuid(),
            Email = email,
            NormalizedEmail = email.ToUpperInvariant(),
            ContributionAmount = 400m,
            Status = status,
            InvitedAt = Now,
        };
    }

    private static LoanState Next(LoanState loan, Action<LoanState> change)
    {
        var next = loan.Clone();
        change(next);
        next.Version++;
        return next;
    }
}
