using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// Group commit on a hot loan: commands that arrive while the loan's write is in flight are checked in order and
/// written once. The first acceptance's write is held in storage, so the others queue behind it for certain.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class GroupCommitTests(ClusterFixture fixture)
{
    private static readonly TimeSpan Held = TimeSpan.FromMilliseconds(400);
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task AcceptAsync_QueuedBehindAWriteInFlight_CheckedInOrderAndWrittenOnce()
    {
        var (grain, participants, _) = await LoanWithInvitationsAsync(6);
        var writesBefore = ConflictCountingStorage.Writes(grain.GetGrainId());

        var (first, queued) = await FirstHeldThenQueuedAsync(grain, participants, p => grain.AcceptAsync(Respond(p.Lender, p.Id, accept: true)));
        var answers = await Task.WhenAll(queued);

        Assert.Equal(100m, (await first).Value.Funding.TotalFunded);
        // Each was checked against the state the earlier ones left: totals step by 100, versions are all different.
        Assert.Equal([200m, 300m, 400m, 500m, 600m], answers.Select(a => a.Value.Funding.TotalFunded).Order());
        Assert.Equal(5, answers.Select(a => a.Value.LoanVersion).Distinct().Count());
        Assert.Equal(2, ConflictCountingStorage.Writes(grain.GetGrainId()) - writesBefore);
        // Answered after the write, and the delivery: each lender's portfolio already shows the acceptance.
        var portfolio = await _grains.GetGrain<IInvitationIndexGrain>(Key(participants[^1].Email)).GetPortfolioAsync(new PageRequest(10));
        Assert.Equal(1, portfolio.TotalCount);
    }

    [Fact]
    public async Task AcceptAsync_BatchWriteFails_EveryCommandOfTheBatchFailsAndTheNextSucceeds()
    {
        var (grain, participants, borrower) = await LoanWithInvitationsAsync(4);

        var (first, queued) = await FirstHeldThenQueuedAsync(grain, participants, p => grain.AcceptAsync(Respond(p.Lender, p.Id, accept: true)),
            () => ConflictCountingStorage.FailNextWrite(grain.GetGrainId(), applied: false, () => new InconsistentStateException("injected conflict", "stored", "held")));

        await first;
        foreach (var call in queued)
        {
            await Assert.ThrowsAsync<InconsistentStateException>(() => call);
        }

        var view = (await grain.GetAsync(ViewerOf(borrower)))!;
        Assert.Equal(100m, view.Funding.TotalFunded);
        Assert.Equal(3, view.Funding.PendingParticipantCount);
        var again = await grain.AcceptAsync(Respond(participants[1].Lender, participants[1].Id, accept: true));
        Assert.Equal(200m, again.Value.Funding.TotalFunded);
    }

    [Fact]
    public async Task AcceptAsync_SameIdempotencyKeyTwiceInOneBatch_SecondReplaysTheFirst()
    {
        var (grain, participants, _) = await LoanWithInvitationsAsync(2);
        var token = Token();
        var twice = participants[1];

        var (first, queued) = await FirstHeldThenQueuedAsync(grain, [participants[0], twice, twice],
            p => grain.AcceptAsync(Respond(p.Lender, p.Id, accept: true, token: ReferenceEquals(p, participants[0]) ? null : token)));
        var answers = await Task.WhenAll(queued);
        await first;

        // Whichever of the two came first applied; the other replays its answer.
        Assert.Single(answers, a => a.Replayed);
        Assert.Equal(answers[0].Value.LoanVersion, answers[1].Value.LoanVersion);
        Assert.All(answers, a => Assert.Equal(twice.Id, a.Value.Participant.ParticipantId));
        Assert.Equal(200m, answers[1].Value.Funding.TotalFunded);
        var invitation = (await grain.GetInvitationAsync(twice.Id))!;
        Assert.Equal(ParticipantStatus.Accepted, invitation.Participant.Status);
    }

    [Fact]
    public async Task CancelAsync_WhileABatchIsBeingWritten_RunsAloneAfterItOnItsState()
    {
        var borrower = User();
        var (grain, _) = await CreateLoanAsync(_grains, borrower, 1000m);
        var writes = ConflictCountingStorage.Writes(grain.GetGrainId());
        ConflictCountingStorage.DelayNextWrite(grain.GetGrainId(), Held);
        var added = grain.AddLendersAsync(Add(borrower, Invite(Email(), 100m)));
        await EventuallyAsync(() => Task.FromResult(ConflictCountingStorage.Writes(grain.GetGrainId())), n => n > writes, "the addition's write in flight");

        var cancelled = await grain.CancelAsync(new CancelLoan(borrower, "changed my mind"));

        Assert.Equal(100m, (await added).Value.Funding.TotalInvited);
        // The cancel waited for the batch and changed the state the batch left: the invitation is kept, not written over.
        Assert.Equal(LoanStatus.Cancelled, cancelled.Status);
        Assert.Single(cancelled.Participants);
        Assert.Equal(2, ConflictCountingStorage.Writes(grain.GetGrainId()) - writes);
    }

    /// <summary>
    /// Sends the first command with its write held in storage, waits until it is in flight, then (after
    /// <paramref name="whileHeld"/>) sends the rest, which queue for the next write.
    /// </summary>
    private static async Task<(Task<T> First, Task<T>[] Queued)> FirstHeldThenQueuedAsync<T>(
        ILoanGrain grain, IReadOnlyList<Invited> participants, Func<Invited, Task<T>> send, Action? whileHeld = null)
    {
        var before = ConflictCountingStorage.Writes(grain.GetGrainId());
        ConflictCountingStorage.DelayNextWrite(grain.GetGrainId(), Held);
        var first = send(participants[0]);
        await EventuallyAsync(() => Task.FromResult(ConflictCountingStorage.Writes(grain.GetGrainId())), n => n > before, "the first write in flight");
        whileHeld?.Invoke();
        var queued = participants.Skip(1).Select(send).ToArray();
        return (first, queued);
    }

    private async Task<(ILoanGrain Grain, Invited[] Participants, Actor Borrower)> LoanWithInvitationsAsync(int count)
    {
        var borrower = User();
        var emails = Enumerable.Range(0, count).Select(_ => Email()).ToArray();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, [.. emails.Select(e => Invite(e, 100m))]);
        return (grain, [.. created.Participants.Select(p => new Invited(p.LenderEmail, LenderFor(p.LenderEmail), p.ParticipantId))], borrower);
    }

    private sealed record Invited(string Email, Actor Lender, Guid Id);
}
