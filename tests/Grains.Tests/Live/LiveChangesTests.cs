using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Live;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Tests.Live;

public sealed class LiveChangesTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void ToEvent_Created_CreatedWithEveryInvitedParticipant()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending));
        var item = LiveChanges.ToEvent([new LoanCreated(), new LenderInvited(loan.Participants[0].ParticipantId)], loan, Now);
        Assert.Equal(FundingChange.Created, item.Change);
        Assert.Equal(loan.Participants[0].ParticipantId, Assert.Single(item.ParticipantIds));
        Assert.Equal([LoanEvents.LoanCreated, LoanEvents.LenderInvited], item.Events.AsEnumerable());
    }

    [Fact]
    public void ToEvent_ParticipantAccepted_ParticipantAcceptedWithItsId()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending), Participant(ParticipantStatus.Accepted));
        var item = LiveChanges.ToEvent([new InvitationAccepted(loan.Participants[1].ParticipantId, null)], loan, Now);
        Assert.Equal(FundingChange.ParticipantAccepted, item.Change);
        Assert.Equal(loan.Participants[1].ParticipantId, Assert.Single(item.ParticipantIds));
    }

    [Fact]
    public void ToEvent_AcceptanceFundsTheLoan_LoanFundedNamingBothChanges()
    {
        var loan = Loan(Participant(ParticipantStatus.Accepted));
        loan.Status = LoanStatus.Funded;
        var item = LiveChanges.ToEvent([new InvitationAccepted(loan.Participants[0].ParticipantId, null), new LoanFunded()], loan, Now);
        Assert.Equal(FundingChange.LoanFunded, item.Change);
        Assert.Equal([LoanEvents.ParticipantAccepted, LoanEvents.LoanFunded], item.Events.AsEnumerable());
    }

    [Fact]
    public void ToEvent_ParticipantDeclined_ParticipantDeclined()
    {
        var loan = Loan(Participant(ParticipantStatus.Declined));
        Assert.Equal(FundingChange.ParticipantDeclined, LiveChanges.ToEvent([new InvitationDeclined(loan.Participants[0].ParticipantId, null)], loan, Now).Change);
    }

    [Fact]
    public void ToEvent_NewParticipants_LenderInvitedWithTheirIds()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending), Participant(ParticipantStatus.Pending));
        var item = LiveChanges.ToEvent([new LenderInvited(loan.Participants[1].ParticipantId)], loan, Now);
        Assert.Equal(FundingChange.LenderInvited, item.Change);
        Assert.Equal(loan.Participants[1].ParticipantId, Assert.Single(item.ParticipantIds));
    }

    [Fact]
    public void ToEvent_Cancelled_LoanCancelled()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending));
        loan.Status = LoanStatus.Cancelled;
        Assert.Equal(FundingChange.LoanCancelled, LiveChanges.ToEvent([new LoanCancelled()], loan, Now).Change);
    }

    [Fact]
    public void ToEvent_Expired_LoanExpired()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending));
        loan.Status = LoanStatus.Expired;
        Assert.Equal(FundingChange.LoanExpired, LiveChanges.ToEvent([new LoanExpired()], loan, Now).Change);
    }

    [Fact]
    public void ToEvent_TermsChanged_TermsChanged()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending));
        Assert.Equal(FundingChange.TermsChanged, LiveChanges.ToEvent([new TermsChanged(900m, 5m, 12, "Roof")], loan, Now).Change);
    }

    [Fact]
    public void ToEvent_OnlyALink_Updated()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Pending)));
        Assert.Equal(FundingChange.Updated, LiveChanges.ToEvent([new LenderLinked(loan.Participants[0].ParticipantId, null)], loan, Now).Change);
    }

    [Fact]
    public void ToEvent_AcceptedWithBankDetails_CarriesFiguresButNoBankDetails()
    {
        var loan = Loan(Participant(ParticipantStatus.Accepted));
        loan.Participants[0].Ach = new AchState { Ciphertext = "sealed", AccountHolder = "Ann", AccountType = "checking", AccountLast4 = "1234" };

        var item = LiveChanges.ToEvent([new InvitationAccepted(loan.Participants[0].ParticipantId, null)], loan, Now);
        Assert.Equal(loan.LoanId, item.LoanId);
        Assert.Equal(loan.Version, item.Version);
        Assert.Equal(Now, item.At);
        Assert.Equal(400m, item.Loan.Funding.TotalFunded);
        Assert.Equal(40m, item.Loan.Funding.FundingPercentage);
        Assert.All(item.Loan.Participants, p => Assert.Null(p.Ach));
    }

    [Fact]
    public void ToEvent_AgreementAsNotice_NoticeOfTheSameVersionNamingTheDocument()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Accepted)));
        loan.Status = LoanStatus.Funded;
        var documentId = Guid.NewGuid();

        var item = LiveChanges.ToEvent([new AgreementGenerated(documentId)], loan, Now, notice: true);

        Assert.True(item.Notice);
        Assert.Equal(loan.Version, item.Version);
        Assert.Equal(documentId, item.DocumentId);
        Assert.Equal([LoanEvents.AgreementGenerated], item.Events.AsEnumerable());
        Assert.Equal([loan.Participants[0].NormalizedEmail], LiveChanges.Invitees([new AgreementGenerated(documentId)], loan));
    }

    [Fact]
    public void ToEvent_DocumentUploaded_NotANoticeAndNamesTheDocument()
    {
        var documentId = Guid.NewGuid();

        var item = LiveChanges.ToEvent([new DocumentUploaded(documentId)], Loan(), Now);

        Assert.False(item.Notice);
        Assert.Equal(documentId, item.DocumentId);
    }

    [Fact]
    public void Invitees_DocumentNews_OnlyLinkedLendersStillIn()
    {
        // A lender who declined may not read the loan's documents, so news of them would only lead to a 404.
        var loan = Loan(Linked(Participant(ParticipantStatus.Accepted)), Linked(Participant(ParticipantStatus.Declined)), Linked(Participant(ParticipantStatus.Pending)));
        var stillIn = new[] { loan.Participants[0].NormalizedEmail, loan.Participants[2].NormalizedEmail };

        Assert.Equal(stillIn, LiveChanges.Invitees([new AgreementGenerated(Guid.NewGuid())], loan));
        Assert.Equal(stillIn, LiveChanges.Invitees([new DocumentUploaded(Guid.NewGuid())], loan));
        Assert.Equal(stillIn, LiveChanges.Invitees([new DocumentDeleted(Guid.NewGuid())], loan));
    }

    [Fact]
    public void Invitees_RepeatedEmail_ListedOnce()
    {
        var first = Linked(Participant(ParticipantStatus.Declined));
        var again = Linked(Participant(ParticipantStatus.Pending));
        again.NormalizedEmail = first.NormalizedEmail;
        Assert.Equal([first.NormalizedEmail], LiveChanges.Invitees([new LoanCreated()], Loan(first, again)));
    }

    [Fact]
    public void Invitees_Created_EveryLinkedParticipantButNoUnlinked()
    {
        var linked = Linked(Participant(ParticipantStatus.Pending));
        var unlinked = Participant(ParticipantStatus.Pending);
        var loan = Loan(linked, unlinked);
        Assert.Equal([linked.NormalizedEmail], LiveChanges.Invitees([new LoanCreated(), .. loan.Participants.Select(p => new LenderInvited(p.ParticipantId))], loan));
    }

    [Fact]
    public void Invitees_UnlinkedParticipants_GetNothingEvenOnStatusChange()
    {
        var loan = Loan(Participant(ParticipantStatus.Pending), Participant(ParticipantStatus.Pending));
        loan.Status = LoanStatus.Cancelled;
        Assert.Empty(LiveChanges.Invitees([new LoanCancelled()], loan));
    }

    [Fact]
    public void Invitees_AnotherLenderAccepts_OnlyTheAccepter()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Pending)), Linked(Participant(ParticipantStatus.Accepted)));
        Assert.Equal([loan.Participants[1].NormalizedEmail], LiveChanges.Invitees([new InvitationAccepted(loan.Participants[1].ParticipantId, null)], loan));
    }

    [Fact]
    public void Invitees_NewlyInvited_OnlyTheNewLinkedOnes()
    {
        var added = Linked(Participant(ParticipantStatus.Pending));
        var unlinked = Participant(ParticipantStatus.Pending);
        var loan = Loan(Linked(Participant(ParticipantStatus.Pending)), added, unlinked);
        Assert.Equal([added.NormalizedEmail], LiveChanges.Invitees([new LenderInvited(added.ParticipantId), new LenderInvited(unlinked.ParticipantId)], loan));
    }

    [Fact]
    public void Invitees_AccountLinked_OnlyThatParticipant()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Pending)), Linked(Participant(ParticipantStatus.Pending)));
        Assert.Equal([loan.Participants[1].NormalizedEmail], LiveChanges.Invitees([new LenderLinked(loan.Participants[1].ParticipantId, null)], loan));
    }

    [Fact]
    public void Invitees_Funded_EveryLinkedParticipant()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Accepted)), Linked(Participant(ParticipantStatus.Accepted)), Participant(ParticipantStatus.Pending));
        loan.Status = LoanStatus.Funded;
        Assert.Equal([loan.Participants[0].NormalizedEmail, loan.Participants[1].NormalizedEmail],
            LiveChanges.Invitees([new InvitationAccepted(loan.Participants[0].ParticipantId, null), new LoanFunded()], loan));
    }

    [Fact]
    public void Invitees_TermsChanged_EveryLinkedParticipant()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Pending)), Linked(Participant(ParticipantStatus.Declined)), Participant(ParticipantStatus.Pending));
        Assert.Equal([loan.Participants[0].NormalizedEmail, loan.Participants[1].NormalizedEmail], LiveChanges.Invitees([new TermsChanged(900m, 5m, 12, "Roof")], loan));
    }

    [Fact]
    public void Invitees_Expired_EveryLinkedParticipant()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Pending)));
        loan.Status = LoanStatus.Expired;
        Assert.Equal([loan.Participants[0].NormalizedEmail], LiveChanges.Invitees([new LoanExpired()], loan));
    }

    [Fact]
    public void Invitees_NoChange_Nobody()
    {
        var loan = Loan(Linked(Participant(ParticipantStatus.Pending)));
        Assert.Empty(LiveChanges.Invitees([], loan));
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
}
