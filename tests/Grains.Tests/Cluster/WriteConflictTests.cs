using Orleans.Storage;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Tests.Infrastructure;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Cluster;

/// <summary>
/// In one silo a grain's conditional writes must never conflict: each grain writes one change at a time and always
/// with the ETag of its own last read or write. The test storage records every refused write (<see cref="ConflictCountingStorage"/>).
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class WriteConflictTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    /// <summary>
    /// The benchmark's accept scenario in small, with everything that may write at the same time: lenders registered
    /// before they are invited (so each invitation also links the account to the loan), acceptances in random order,
    /// lender pages and loan reads throughout, failed index deliveries (retry timers) and forced deactivations.
    /// </summary>
    [Fact]
    public async Task AcceptUnderLoad_ReadsLinksRetriesAndDeactivations_NoWriteConflicts()
    {
        var conflictsBefore = ConflictCountingStorage.Conflicts.Count;
        ConflictCountingStorage.MaxWriteLatency = TimeSpan.FromMilliseconds(30);
        try
        {
            await AcceptUnderLoadAsync();
        }
        finally
        {
            ConflictCountingStorage.MaxWriteLatency = TimeSpan.Zero;
        }

        Assert.Empty(ConflictCountingStorage.Conflicts.Skip(conflictsBefore));
    }

    private async Task AcceptUnderLoadAsync()
    {
        const int lenderCount = 10;
        const int loanCount = 24;
        var emails = Enumerable.Range(0, lenderCount).Select(_ => Email()).ToArray();
        var profiles = await Task.WhenAll(emails.Select(e => _grains.GetGrain<IAccountGrain>(Key(e)).RegisterAsync(new RegisterUser(e, "Lender", "hash"))));
        var lenders = profiles.Select(p => new Actor(p.Value.UserId, p.Value.Email, p.Value.Name, EmailVerified: true)).ToArray();
        var loans = await Task.WhenAll(Enumerable.Range(0, loanCount).Select(_ =>
            CreateLoanAsync(_grains, User(), lenderCount * 100m, [.. emails.Select(e => Invite(e, 100m))])));
        TestCallFilter.Fail("UpsertAsync", Key(emails[0]), 5);
        TestCallFilter.Fail("LinkLenderAsync", loans[0].View.LoanId.ToString("N"), 3);

        var random = new Random(7);
        var answers = loans.SelectMany(l => l.View.Participants.Select(p => (l.Grain, Participant: p, Delay: random.Next(0, 200))))
            .OrderBy(_ => random.Next()).ToList();
        using var stop = new CancellationTokenSource();
        var background = new List<Task>
        {
            ReadForeverAsync(emails, loans, stop.Token),
            ReadForeverAsync(emails, loans, stop.Token),
            DeactivateForeverAsync(emails, loans, stop.Token),
        };
        var accepted = await Task.WhenAll(answers.Select(async a =>
        {
            await Task.Delay(a.Delay);
            var lender = lenders[Array.IndexOf(emails, a.Participant.LenderEmail)];
            return await a.Grain.AcceptAsync(Respond(lender, a.Participant.ParticipantId, accept: true));
        }));
        await stop.CancelAsync();
        await Task.WhenAll(background);

        Assert.Equal(loanCount, accepted.Count(r => r.Value.LoanStatus == LoanStatus.Funded));
        foreach (var email in emails)
        {
            await EventuallyAsync(
                () => _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetPortfolioAsync(new PageRequest(100)),
                p => p.TotalCount == loanCount && p.Page.Items.Length == loanCount, "every acceptance in the lender's portfolio");
        }
    }

    /// <summary>
    /// A write that fails — refused as a conflict, or lost in a time-out after it landed — leaves the activation's
    /// ETag behind storage. The loan drops that activation, so the caller sees the failure once and the next command
    /// re-reads the loan: it sees what landed and writes with the stored ETag (a kept activation would conflict again).
    /// </summary>
    [Theory]
    [InlineData(false, false)]
    [InlineData(true, false)]
    [InlineData(true, true)]
    public async Task AcceptAsync_WriteFails_CallerToldOnceThenLoanRereadsStorage(bool applied, bool timeOut)
    {
        var conflictsBefore = ConflictCountingStorage.Conflicts.Count;
        var emails = new[] { Email(), Email() };
        var lenders = emails.Select(e => LenderFor(e)).ToArray();
        var (grain, created) = await CreateLoanAsync(_grains, User(), 1000m, Invite(emails[0], 100m), Invite(emails[1], 100m));
        var (first, second) = (created.Participants[0].ParticipantId, created.Participants[1].ParticipantId);
        ConflictCountingStorage.FailNextWrite(grain.GetGrainId(), applied, () => timeOut
            ? new StorageUnavailableException("injected time-out")
            : new InconsistentStateException("injected conflict", "stored", "held"));

        var failed = await Assert.ThrowsAnyAsync<Exception>(() => grain.AcceptAsync(Respond(lenders[0], first, accept: true)));
        if (timeOut)
        {
            // Orleans wraps other storage failures; the API looks through the chain.
            Assert.IsType<StorageUnavailableException>(failed.InnerException);
        }
        else
        {
            Assert.IsType<InconsistentStateException>(failed);
        }

        var other = await grain.AcceptAsync(Respond(lenders[1], second, accept: true));
        if (applied)
        {
            var again = await Assert.ThrowsAsync<DomainException>(() => grain.AcceptAsync(Respond(lenders[0], first, accept: true)));
            Assert.Equal(DomainErrorCode.Conflict, again.Code);
            Assert.Equal(200m, other.Value.Funding.TotalFunded);
            // The landed write carried the lender-index update in its outbox: the new activation delivers it.
            await EventuallyAsync(
                () => _grains.GetGrain<IInvitationIndexGrain>(Key(emails[0])).GetPortfolioAsync(new PageRequest(10)),
                p => p.TotalCount == 1, "the landed acceptance in the lender's portfolio");
        }
        else
        {
            Assert.Equal(100m, other.Value.Funding.TotalFunded);
            Assert.Equal(200m, (await grain.AcceptAsync(Respond(lenders[0], first, accept: true))).Value.Funding.TotalFunded);
        }

        Assert.Empty(ConflictCountingStorage.Conflicts.Skip(conflictsBefore));
    }

    /// <summary>The same for a lender index: the failed upsert is retried by the loan and the index re-reads storage.</summary>
    [Fact]
    public async Task UpsertAsync_WriteLandedButFailed_LoanRetriesAndIndexRereadsStorage()
    {
        var conflictsBefore = ConflictCountingStorage.Conflicts.Count;
        var email = Email();
        var index = _grains.GetGrain<IInvitationIndexGrain>(Key(email));
        await index.GetInvitationsAsync(null, new PageRequest(10)); // active, holding the ETag of "no item yet"
        ConflictCountingStorage.FailNextWrite(index.GetGrainId(), applied: true, () => new InconsistentStateException("injected conflict", "stored", "held"));

        await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 100m));
        await CreateLoanAsync(_grains, User(), 1000m, Invite(email, 200m));

        await EventuallyAsync(
            () => index.GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(10)),
            p => p.Items.Length == 2, "both invitations in the lender's index");
        Assert.Empty(ConflictCountingStorage.Conflicts.Skip(conflictsBefore));
    }

    /// <summary>
    /// The cause of the conflicts seen under load: a write made while a grain deactivates. Orleans waits for
    /// <c>OnDeactivateAsync</c> only up to its deactivation timeout, then lets a new activation read storage even if
    /// a write of the old one is still on its way; when that write lands, the new activation holds a stale ETag and
    /// its next command is refused. Grains therefore never write on deactivation (delivered outbox entries are
    /// trimmed by the next command's write), and this sequence is conflict-free.
    /// </summary>
    [Fact]
    public async Task Deactivation_StorageSlowerThanDeactivationTimeout_NextCommandDoesNotConflict()
    {
        var conflictsBefore = ConflictCountingStorage.Conflicts.Count;
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 100m)); // outbox delivered, trimmed in memory
        var slow = ClusterFixture.DeactivationTimeout * 2;
        ConflictCountingStorage.DelayNextWrite(grain.GetGrainId(), slow);

        await ClusterFixture.DeactivateAsync(grain);
        Assert.NotNull(await grain.GetAsync(ViewerOf(borrower))); // a new activation, once the old one is gone or given up on
        await Task.Delay(slow + TimeSpan.FromMilliseconds(500)); // a late write of the old activation would have landed by now
        var updated = await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, created.Version, null, null, null, "Roof repair"));

        Assert.Equal("Roof repair", updated.Terms.Purpose);
        Assert.Empty(ConflictCountingStorage.Conflicts.Skip(conflictsBefore));
    }

    private async Task ReadForeverAsync(string[] emails, (ILoanGrain Grain, LoanView View)[] loans, CancellationToken stop)
    {
        var random = new Random(emails.Length + loans.Length);
        while (!stop.IsCancellationRequested)
        {
            var email = emails[random.Next(emails.Length)];
            var (grain, view) = loans[random.Next(loans.Length)];
            await Task.WhenAll(
                _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetInvitationsAsync(ParticipantStatus.Pending, new PageRequest(20)),
                _grains.GetGrain<IInvitationIndexGrain>(Key(email)).GetPortfolioAsync(new PageRequest(5)),
                grain.GetAsync(new Viewer(view.BorrowerId, "")),
                grain.GetInvitationAsync(view.Participants[random.Next(view.Participants.Length)].ParticipantId));
        }
    }

    private async Task DeactivateForeverAsync(string[] emails, (ILoanGrain Grain, LoanView View)[] loans, CancellationToken stop)
    {
        var random = new Random(3);
        while (!stop.IsCancellationRequested)
        {
            await Task.Delay(5, CancellationToken.None);
            await ClusterFixture.DeactivateAsync(random.Next(3) == 0
                ? _grains.GetGrain<IInvitationIndexGrain>(Key(emails[random.Next(emails.Length)]))
                : loans[random.Next(loans.Length)].Grain);
        }
    }
}
