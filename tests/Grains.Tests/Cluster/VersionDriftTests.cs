using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// The version a create or an add answers with must still be the loan's version once the invited lenders' indexes
/// have the invitation: linking an account that already existed is part of the first write, not a later change.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class VersionDriftTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task CreateAsync_InviteeAlreadyRegistered_LinkedInFirstWriteAndVersionStaysOne()
    {
        var email = Email();
        var account = await RegisterVerifiedAsync(_grains, email);
        var borrower = User();

        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        await WaitForLenderIndexAsync(email, created.LoanId);
        var after = await grain.GetAsync(ViewerOf(borrower));

        Assert.Equal(1, created.Version);
        Assert.Equal(1, after!.Version);
        // Linked in the first write, as the loan shows; the create's answer names no account (enumeration).
        Assert.Equal(account.UserId, after.Participants[0].LenderId);
        Assert.Null(created.Participants[0].LenderId);
        var updated = await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, null, 6m, null, null));
        Assert.Equal(2, updated.Version);
    }

    [Fact]
    public async Task AddLendersAsync_InviteeAlreadyRegistered_VersionAnsweredStaysCurrent()
    {
        var email = Email();
        var account = await RegisterVerifiedAsync(_grains, email);
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower);

        var added = (await grain.AddLendersAsync(Add(borrower, Invite(email, 100m)))).Value;
        await WaitForLenderIndexAsync(email, created.LoanId);
        var after = await grain.GetAsync(ViewerOf(borrower));

        Assert.Equal(added.Version, after!.Version);
        Assert.Equal(account.UserId, after.Participants[0].LenderId);
        Assert.Null(added.Added[0].LenderId);
    }

    /// <summary>Waits until the lender index lists the loan; its link to the loan (if any) follows right after.</summary>
    private async Task WaitForLenderIndexAsync(string email, Guid loanId)
    {
        await EventuallyAsync(
            () => _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetInvitationsAsync(null, new(10)),
            p => p.Items.Any(i => i.Participant.LoanId == loanId), "the lender index");
        // The index sends its link after answering the loan; give it the turn it needs.
        await Task.Delay(300);
    }
}
