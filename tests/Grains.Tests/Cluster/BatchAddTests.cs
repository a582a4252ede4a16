using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

[Collection(ClusterTests.Name)]
public sealed class BatchAddTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task AddLendersBatchAsync_MixedLenders_PerLenderResultsInOrderAndOneVersion()
    {
        var borrower = User();
        var taken = Email();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(taken, 100m));
        var first = Email();

        var batch = (await grain.AddLendersBatchAsync(Add(borrower,
            Invite(first, 300m), Invite(taken, 50m), Invite("not-an-email", 10m), Invite(Email(), 700m),
            Invite(first.ToUpperInvariant(), 10m), Invite(Email(), 600m)))).Value;

        Assert.Equal([0, 1, 2, 3, 4, 5], batch.Results.Select(r => r.Index));
        Assert.Equal(first, batch.Results[0].Participant!.LenderEmail);
        Assert.Equal(DomainErrorCode.DuplicateLender, batch.Results[1].Code);
        Assert.Equal(DomainErrorCode.Validation, batch.Results[2].Code);
        Assert.Contains("lenders[2].email", batch.Results[2].Errors!.Keys);
        Assert.Equal(DomainErrorCode.OverFunding, batch.Results[3].Code);
        Assert.Equal(DomainErrorCode.DuplicateLender, batch.Results[4].Code);
        Assert.NotNull(batch.Results[5].Participant);
        Assert.Equal(created.Version + 1, batch.Version);
        Assert.Equal(1000m, batch.Funding.TotalInvited);
        var view = await grain.GetAsync(ViewerOf(borrower));
        Assert.Equal(3, view!.Participants.Length);
        Assert.Equal(batch.Version, view.Version);
    }

    [Fact]
    public async Task AddLendersBatchAsync_SameKeyAndBody_ReplaysSameResultsWithoutChange()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower);
        var token = Token();
        var command = Add(borrower, Invite(Email(), 100m), Invite("bad", 1m)) with { Idempotency = token };

        var first = await grain.AddLendersBatchAsync(command);
        var replay = await grain.AddLendersBatchAsync(command);

        Assert.False(first.Replayed);
        Assert.True(replay.Replayed);
        Assert.Equal(first.Value.Version, replay.Value.Version);
        Assert.Equal(first.Value.Results[0].Participant!.ParticipantId, replay.Value.Results[0].Participant!.ParticipantId);
        Assert.Equal(DomainErrorCode.Validation, replay.Value.Results[1].Code);
        Assert.Single((await grain.GetAsync(ViewerOf(borrower)))!.Participants);
    }

    [Fact]
    public async Task AddLendersBatchAsync_NotBorrower_Refused()
    {
        var (grain, _) = await CreateLoanAsync(_grains, User());

        var error = await Assert.ThrowsAsync<DomainException>(() => grain.AddLendersBatchAsync(Add(User(), Invite(Email(), 1m))));

        Assert.Contains(error.Code, new[] { DomainErrorCode.Forbidden, DomainErrorCode.NotFound });
    }
}
