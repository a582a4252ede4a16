using System.Text.Json;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class LoanCreationTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task CreateAsync_ValidLoanWithLenders_PendingAtVersionOneWithAudit()
    {
        var borrower = User(name: "Bob Borrower");
        var (_, view) = await CreateLoanAsync(_grains, borrower, 1000m, Invite("  Ann@Example.com ", 400m));

        Assert.Equal(LoanStatus.Pending, view.Status);
        Assert.Equal(1, view.Version);
        Assert.Equal("Bob Borrower", view.BorrowerName);
        Assert.Equal(borrower.UserId, view.Audit.CreatedBy);
        Assert.Equal(view.Audit.CreatedAt, view.Audit.UpdatedAt);
        var participant = Assert.Single(view.Participants);
        Assert.Equal("Ann@Example.com", participant.LenderEmail);
        Assert.Equal(ParticipantStatus.Pending, participant.Status);
        Assert.Null(participant.LenderId);
        Assert.Equal(400m, view.Funding.TotalInvited);
        Assert.Equal(0m, view.Funding.TotalFunded);
    }

    [Fact]
    public async Task CreateAsync_InvalidTerms_ValidationWithEveryFieldAndNothingStored()
    {
        var borrower = User();
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.CreateAsync(new CreateLoan(borrower, new LoanTerms(0m, 101m, 481, " "), [])));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Equal(["amount", "interest_rate", "purpose", "term_months"], error.Errors!.Keys.Order());
        Assert.Null(await grain.GetAsync(ViewerOf(borrower)));
    }

    [Fact]
    public async Task CreateAsync_BorrowerInvitesThemselves_ValidationOnTheLenderEmail()
    {
        var borrower = User(email: "Self@Example.com");
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.CreateAsync(Create(borrower, 1000m, Invite("self@example.COM ", 100m))));

        Assert.Equal(DomainErrorCode.Validation, error.Code);
        Assert.Contains("lenders[0].email", error.Errors!.Keys);
    }

    [Fact]
    public async Task CreateAsync_LendersAboveAmount_OverFunding()
    {
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.CreateAsync(Create(User(), 1000m, Invite(Email(), 600m), Invite(Email(), 400.01m))));

        Assert.Equal(DomainErrorCode.OverFunding, error.Code);
    }

    [Fact]
    public async Task CreateAsync_SameLenderTwiceInRequest_DuplicateLender()
    {
        var email = Email();
        var grain = _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7());

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.CreateAsync(Create(User(), 1000m, Invite(email, 10m), Invite(email.ToUpperInvariant(), 10m))));

        Assert.Equal(DomainErrorCode.DuplicateLender, error.Code);
    }

    [Fact]
    public async Task CreateAsync_SameKeyAndHash_ReplaysFirstResultWithoutWriting()
    {
        var borrower = User();
        var token = Token();
        var grain = _grains.GetGrain<ILoanGrain>(LoanIds.For(borrower.UserId, token.Key));
        var first = await grain.CreateAsync(Create(borrower, 1000m, Invite(Email(), 100m)) with { Idempotency = token });
        var writes = CountingJsonSerializer.Writes<LoanState>();

        var replay = await grain.CreateAsync(Create(borrower, 1000m, Invite(Email(), 100m)) with { Idempotency = token });

        Assert.False(first.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(JsonSerializer.Serialize(first.Value), JsonSerializer.Serialize(replay.Value));
        Assert.Equal(writes, CountingJsonSerializer.Writes<LoanState>());
    }

    [Fact]
    public async Task CreateAsync_SameKeyOtherHash_IdempotencyKeyReused()
    {
        var borrower = User();
        var token = Token("hash-a");
        var grain = _grains.GetGrain<ILoanGrain>(LoanIds.For(borrower.UserId, token.Key));
        await grain.CreateAsync(Create(borrower) with { Idempotency = token });

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            grain.CreateAsync(Create(borrower, 2000m) with { Idempotency = token with { RequestHash = "hash-b" } }));

        Assert.Equal(DomainErrorCode.IdempotencyKeyReused, error.Code);
    }

    [Fact]
    public async Task CreateAsync_ExistingLoanWithoutMatchingKey_Conflict()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);

        var sameBorrower = await Assert.ThrowsAsync<DomainException>(() => grain.CreateAsync(Create(borrower)));
        var otherBorrower = await Assert.ThrowsAsync<DomainException>(() => grain.CreateAsync(Create(User()) with { Idempotency = Token() }));

        Assert.Equal(DomainErrorCode.Conflict, sameBorrower.Code);
        Assert.Equal(DomainErrorCode.Conflict, otherBorrower.Code);
    }

    [Fact]
    public async Task GetAsync_NoLoanOrStranger_Null()
    {
        var (grain, _) = await CreateLoanAsync(_grains, User());

        Assert.Null(await grain.GetAsync(ViewerOf(User())));
        Assert.Null(await _grains.GetGrain<ILoanGrain>(Guid.CreateVersion7()).GetAsync(ViewerOf(User())));
    }

    [Fact]
    public async Task GetAsync_InvitedEmailInOtherCase_Visible()
    {
        var email = Email();
        var (grain, _) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));

        var view = await grain.GetAsync(new Viewer(Guid.CreateVersion7(), $"  {email.ToUpperInvariant()} "));

        Assert.NotNull(view);
    }

    [Fact]
    public async Task GetAsync_AcceptedLoan_OnlyMaskedAchAndOnlyTheViewersOwn()
    {
        var (ann, ben) = (Email(), Email());
        var borrower = User();
        var (grain, view) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(ann, 100m), Invite(ben, 100m));
        await grain.AcceptAsync(Respond(LenderFor(ann), view.Participants[0].ParticipantId, accept: true));
        var benAccount = LenderFor(ben);
        await grain.AcceptAsync(Respond(benAccount, view.Participants[1].ParticipantId, accept: true) with { Ach = Ach("1111") });

        var asBorrower = (await grain.GetAsync(ViewerOf(borrower)))!;
        var asBen = (await grain.GetAsync(ViewerOf(benAccount)))!;

        Assert.Equal(["6789", "1111"], asBorrower.Participants.Select(p => p.Ach!.AccountLast4));
        Assert.DoesNotContain("ciphertext", JsonSerializer.Serialize(asBorrower), StringComparison.OrdinalIgnoreCase);
        Assert.Null(asBen.Participants[0].Ach);
        Assert.Equal("1111", asBen.Participants[1].Ach!.AccountLast4);
    }
}
