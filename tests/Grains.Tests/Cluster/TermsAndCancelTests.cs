using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class TermsAndCancelTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task UpdateTermsAsync_CurrentVersion_ChangesOnlyGivenFieldsAndBumpsVersion()
    {
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower);

        var view = await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, 2000m, null, 24, "  New roof "));

        Assert.Equal(created.Version + 1, view.Version);
        Assert.Equal(new LoanTerms(2000m, created.Terms.InterestRate, 24, "New roof"), view.Terms);
        Assert.True(view.Audit.UpdatedAt >= created.Audit.UpdatedAt);
    }

    [Fact]
    public async Task UpdateTermsAsync_StaleVersion_PreconditionFailed()
    {
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower);
        await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, 1500m, null, null, null));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, 1600m, null, null, null)));

        Assert.Equal(DomainErrorCode.PreconditionFailed, error.Code);
    }

    [Fact]
    public async Task UpdateTermsAsync_AfterAnAcceptance_Conflict()
    {
        var borrower = User();
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        var accepted = await grain.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, accepted.Value.LoanVersion, null, 7m, null, null)));

        Assert.Equal(DomainErrorCode.Conflict, error.Code);
    }

    [Fact]
    public async Task UpdateTermsAsync_AmountBelowInvited_OverFunding()
    {
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 600m));

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, 599.99m, null, null, null)));

        Assert.Equal(DomainErrorCode.OverFunding, error.Code);
    }

    [Fact]
    public async Task UpdateTermsAsync_InvalidValues_ValidationAndVersionUnchanged()
    {
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower);

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, 1.005m, 100.00001m, 0, new string('x', 501))));

        Assert.Equal(["amount", "interest_rate", "purpose", "term_months"], error.Errors!.Keys.Order());
        Assert.Equal(created.Version, (await grain.GetAsync(ViewerOf(borrower)))!.Version);
    }

    [Fact]
    public async Task UpdateTermsAsync_NotTheBorrower_NotFoundOrForbidden()
    {
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));

        var stranger = await Assert.ThrowsAsync<DomainException>(() =>
            grain.UpdateTermsAsync(new UpdateLoanTerms(User(), created.Version, 5m, null, null, null)));
        var lender = await Assert.ThrowsAsync<DomainException>(() =>
            grain.UpdateTermsAsync(new UpdateLoanTerms(LenderFor(email), created.Version, 5000m, null, null, null)));

        Assert.Equal(DomainErrorCode.NotFound, stranger.Code);
        Assert.Equal(DomainErrorCode.Forbidden, lender.Code);
    }

    [Fact]
    public async Task CancelAsync_PendingLoan_SoftDeletedWithReason()
    {
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower);

        var view = await grain.CancelAsync(new CancelLoan(borrower, "  Found other financing  "));

        Assert.Equal(LoanStatus.Cancelled, view.Status);
        Assert.Equal(created.Version + 1, view.Version);
        Assert.Equal(borrower.UserId, view.Audit.DeletedBy);
        Assert.NotNull(view.Audit.DeletedAt);
        Assert.Equal("Found other financing", view.Audit.DeletionReason);
    }

    [Fact]
    public async Task CancelAsync_NotPending_Conflict()
    {
        var borrower = User();
        var email = Email();
        var (cancelled, _) = await CreateLoanAsync(_grains, borrower);
        await cancelled.CancelAsync(new CancelLoan(borrower, "first"));
        var (funded, created) = await CreateLoanAsync(_grains, borrower, 100m, Invite(email, 100m));
        await funded.AcceptAsync(Respond(LenderFor(email), created.Participants[0].ParticipantId, accept: true));

        var again = await Assert.ThrowsAsync<DomainException>(() => cancelled.CancelAsync(new CancelLoan(borrower, "second")));
        var afterFunding = await Assert.ThrowsAsync<DomainException>(() => funded.CancelAsync(new CancelLoan(borrower, "too late")));

        Assert.Equal(DomainErrorCode.Conflict, again.Code);
        Assert.Equal(DomainErrorCode.Conflict, afterFunding.Code);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public async Task CancelAsync_MissingReason_Validation(string? reason)
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.CancelAsync(new CancelLoan(borrower, reason!)));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Contains("reason", error.Errors!.Keys);
    }

    [Fact]
    public async Task CancelAsync_ReasonOver500_Validation()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.CancelAsync(new CancelLoan(borrower, new string('r', 501))));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
    }

    [Fact]
    public async Task GetAsync_AfterEachChange_NeverStale()
    {
        var borrower = User();
        var email = Email();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        var lender = LenderFor(email);
        var lenderGrain = _grains.GetGrain<Abstractions.Lenders.IInvitationIndexGrain>(Key(email));
        Assert.Equal(1, (await grain.GetAsync(ViewerOf(borrower)))!.Version);

        var updated = await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, 1, null, 6m, null, null));
        Assert.Equal(updated.Version, (await grain.GetAsync(ViewerOf(borrower)))!.Version);
        Assert.Equal(6m, (await grain.GetInvitationAsync(created.Participants[0].ParticipantId))!.Terms.InterestRate);

        await grain.AcceptAsync(Respond(lender, created.Participants[0].ParticipantId, accept: true, termsVersion: 2));
        var afterAccept = (await grain.GetAsync(ViewerOf(lender)))!;
        Assert.Equal(updated.Version + 1, afterAccept.Version);
        Assert.Equal(ParticipantStatus.Accepted, afterAccept.Participants[0].Status);
        var page = await lenderGrain.GetInvitationsAsync(null, new PageRequest(10));
        Assert.Equal(ParticipantStatus.Accepted, Assert.Single(page.Items).Participant.Status);
        var borrowerPage = await _grains.GetGrain<Abstractions.Borrowers.IBorrowerGrain>(borrower.UserId).GetLoansAsync(new PageRequest(10));
        Assert.Equal(afterAccept.Version, Assert.Single(borrowerPage.Items).Version);
    }
}
