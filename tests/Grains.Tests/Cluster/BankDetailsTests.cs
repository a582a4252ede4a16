using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;
using Orleans.TestingHost;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans;
using PrivateLending.Grains.Loans.BankDetails;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// An acceptance's bank-detail ciphertext lives in an item of its own, written once; the loan's item, which every
/// later command rewrites, keeps only its id and the parts that may be shown.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class BankDetailsTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task AcceptAsync_WithBankDetails_LoanItemHoldsNoCiphertextAndItsOwnItemDoes()
    {
        var (grain, lender, participantId) = await LoanWithInvitationAsync();

        await grain.AcceptAsync(Respond(lender, participantId, accept: true));

        var stored = await StoredLoanAsync(grain);
        var ach = stored.Participant(participantId).Ach!;
        Assert.Equal("", ach.Ciphertext);
        Assert.Equal(("Jane Lender", "checking", "6789"), (ach.AccountHolder, ach.AccountType, ach.AccountLast4));
        Assert.DoesNotContain(Ach().Ciphertext, JsonSerializer.Serialize(stored), StringComparison.Ordinal);
        var details = await _grains.GetGrain<IBankDetailsGrain>(ach.BankDetailsId!.Value).GetAsync();
        Assert.Equal(new StoredBankDetails(stored.LoanId, participantId, Ach().Ciphertext), details);
    }

    [Fact]
    public async Task AcceptAsync_AlreadyAccepted_RefusedAndTheFirstDetailsStay()
    {
        var (grain, lender, participantId) = await LoanWithInvitationAsync();
        await grain.AcceptAsync(Respond(lender, participantId, accept: true));
        var first = (await StoredLoanAsync(grain)).Participant(participantId).Ach!.BankDetailsId!.Value;

        var again = new RespondToInvitation(lender, participantId, Ach() with { Ciphertext = "CfDJ8-other-account", AccountLast4 = "1111" }, Token(), 1);
        var refused = await Assert.ThrowsAsync<DomainException>(() => grain.AcceptAsync(again));

        Assert.Equal(DomainErrorCode.Conflict, refused.Code);
        var ach = (await StoredLoanAsync(grain)).Participant(participantId).Ach!;
        Assert.Equal((first, "6789"), (ach.BankDetailsId!.Value, ach.AccountLast4));
        Assert.Equal(Ach().Ciphertext, (await _grains.GetGrain<IBankDetailsGrain>(first).GetAsync())!.Ciphertext);
    }

    [Fact]
    public async Task StoreAsync_OtherDetailsUnderAStoredId_RefusedAndTheStoredStay()
    {
        var vault = _grains.GetGrain<IBankDetailsGrain>(Guid.NewGuid());
        var details = new StoredBankDetails(Guid.NewGuid(), Guid.NewGuid(), "CfDJ8-first");
        await vault.StoreAsync(details);

        await vault.StoreAsync(details); // the same again: nothing changes
        await Assert.ThrowsAsync<InvalidOperationException>(() => vault.StoreAsync(details with { Ciphertext = "CfDJ8-second" }));

        Assert.Equal(details, await vault.GetAsync());
    }

    private async Task<(ILoanGrain Grain, Actor Lender, Guid ParticipantId)> LoanWithInvitationAsync()
    {
        var email = Email();
        var (grain, view) = await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 400m));
        return (grain, LenderFor(email), view.Participants.Single().ParticipantId);
    }

    private async Task<LoanState> StoredLoanAsync(ILoanGrain loan)
    {
        var stored = new GrainState<LoanState>(new LoanState());
        await Storage().ReadStateAsync("loan", loan.GetGrainId(), stored);
        return stored.State!;
    }

    private IGrainStorage Storage() =>
        ((InProcessSiloHandle)fixture.Cluster.Primary!).SiloHost!.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Loans);
}
