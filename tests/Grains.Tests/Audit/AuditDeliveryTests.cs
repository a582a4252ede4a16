using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Tests.Infrastructure;
using PrivateLending.TestSupport.Audit;
using static PrivateLending.Grains.Tests.Infrastructure.TestData;

namespace PrivateLending.Grains.Tests.Audit;

/// <summary>
/// Audit entries come from the grains' own writes (an outbox in their state) and reach the audit store at least
/// once; deterministic ids make what a reader sees exactly once, even when the activation that made the change
/// is gone before delivery and a later one re-sends.
/// </summary>
[Collection(ClusterTests.Name)]
public sealed class AuditDeliveryTests(ClusterFixture fixture) : IDisposable
{
    private readonly IGrainFactory _grains = fixture.Grains;
    private static MemoryAuditStore Store => MemoryAuditStore.Instance;

    public void Dispose() => Store.Available = true;

    [Fact]
    public async Task Audit_StoreDownAndLoanDeactivatedAfterChange_EntryAppearsExactlyOnceLater()
    {
        Store.Available = false;
        var borrower = User();
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(Email(), 100m));
        var loanId = created.LoanId.ToString();
        Assert.DoesNotContain(Store.Entries, e => e.RecordId == loanId);

        // The activation that made the change is gone: only the stored outbox knows the entries.
        await ClusterFixture.DeactivateAsync(grain);
        Store.Available = true;
        await grain.GetAsync(ViewerOf(borrower));

        await EventuallyAsync(() => Task.FromResult(Store.Entries.Count(e => e.RecordId == loanId)), n => n > 0, "the loan's audit entry");
        // Delivered entries are forgotten in memory only: a new activation sends them again, which must change
        // nothing and, since they may have been delivered, costs a lookup rather than another write.
        var entryId = $"loan.created-{created.LoanId:N}-v1";
        var (lookups, attempts) = (Store.Lookups(entryId), Store.Attempts(entryId));
        await ClusterFixture.DeactivateAsync(grain);
        await grain.GetAsync(ViewerOf(borrower));
        await EventuallyAsync(() => Task.FromResult(Store.Lookups(entryId)), n => n > lookups, "the re-sent entry");
        Assert.Equal(attempts, Store.Attempts(entryId));

        var entry = Assert.Single(Store.Entries, e => e.RecordId == loanId);
        Assert.Equal(entryId, entry.EntryId);
        Assert.Equal("loan.created", entry.Action);
        Assert.Equal(borrower.UserId, entry.ActorId);
        Assert.Contains(entry.Changes, c => c is { Field: "amount", Before: null, After: "1000" });
        var participant = created.Participants[0].ParticipantId.ToString();
        Assert.Equal("lender.invited", Assert.Single(Store.Entries, e => e.RecordId == participant).Action);
    }

    [Fact]
    public async Task AppendAsync_ManyConcurrentCallers_AllReachTheStoreAtOnce()
    {
        // Every command of every loan waits for its audit append: appends that queue behind each other (two
        // non-reentrant workers per silo) would cap all writes at two per storage round trip.
        var tag = $"concurrency-{Guid.NewGuid():N}";
        var release = Store.HoldAppends(e => e.RecordId.StartsWith(tag, StringComparison.Ordinal));
        try
        {
            var appends = Enumerable.Range(0, 8).Select(i => _grains.GetGrain<IAuditLogGrain>(0).AppendAsync(
                [new AuditEntry($"{tag}-{i}", DateTimeOffset.UtcNow, null, "loan.updated", AuditRecordTypes.Loan, $"{tag}-{i}", [], null)])).ToList();

            await EventuallyAsync(() => Task.FromResult(Store.Held), held => held >= 8, "eight appends in the store at once");
            release.SetResult();
            await Task.WhenAll(appends);
        }
        finally
        {
            release.TrySetResult();
            Store.StopHolding();
        }

        Assert.Equal(8, Store.Entries.Count(e => e.RecordId.StartsWith(tag, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Audit_EveryLoanCommand_OneEntryWithBeforeAndAfter()
    {
        var borrower = User();
        var email = Email();
        var lender = LenderFor(email);
        var (grain, created) = await CreateLoanAsync(_grains, borrower, 1000m, Invite(email, 100m));
        await grain.UpdateTermsAsync(new UpdateLoanTerms(borrower, 1, 2000m, null, null, null));
        var otherEmail = Email();
        var added = await grain.AddLendersAsync(Add(borrower, Invite(otherEmail, 50m)));
        await grain.AcceptAsync(Respond(lender, created.Participants[0].ParticipantId, accept: true, termsVersion: 2));
        await grain.DeclineAsync(Respond(LenderFor(otherEmail), added.Value.Added[0].ParticipantId, accept: false));
        await grain.CancelAsync(new CancelLoan(borrower, "Changed my mind"));

        var loanId = created.LoanId.ToString();
        var entries = await EventuallyAsync(
            () => Task.FromResult(Store.Entries.Where(e => e.RecordId == loanId).OrderBy(e => e.At).ToList()), l => l.Count == 3, "three loan entries");
        Assert.Equal(["loan.created", "loan.terms_changed", "loan.cancelled"], entries.Select(e => e.Action));
        Assert.Contains(entries[1].Changes, c => c is { Field: "amount", Before: "1000", After: "2000" });
        Assert.Contains(entries[2].Changes, c => c is { Field: "status", Before: "PENDING", After: "CANCELLED" });
        Assert.Contains(entries[2].Changes, c => c is { Field: "deletion_reason", Before: null, After: "Changed my mind" });
        var first = Store.Entries.Where(e => e.RecordId == created.Participants[0].ParticipantId.ToString()).OrderBy(e => e.At).ToList();
        Assert.Equal(["lender.invited", "participant.accepted"], first.Select(e => e.Action));
        Assert.Contains(first[1].Changes, c => c is { Field: "status", Before: "PENDING", After: "ACCEPTED" });
        Assert.Equal(lender.UserId, first[1].ActorId);
        var second = Store.Entries.Where(e => e.RecordId == added.Value.Added[0].ParticipantId.ToString()).OrderBy(e => e.At).ToList();
        Assert.Equal(["lender.invited", "participant.declined"], second.Select(e => e.Action));
        // Bank details never reach an entry, not even their ciphertext.
        Assert.DoesNotContain(Store.Entries, e => e.Changes.Any(c => (c.After ?? "").Contains("secret", StringComparison.Ordinal)));
        Assert.Equal(AuditRecordTypes.Participant, second[0].RecordType);
    }
}
