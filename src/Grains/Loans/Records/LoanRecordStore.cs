using System.Collections.Immutable;
using System.Globalization;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Loans.Records;

/// <summary>
/// A loan's history, funding series and repayment records beyond its working set: before a write whose working set overflows, the
/// oldest chunks go to items of their own (a loan write that then fails leaves a chunk to be written again with the
/// same entries, a no-op), and pages read only the chunks they cover.
/// </summary>
internal sealed class LoanRecordStore(IGrainFactory grains, Guid loanId)
{
    /// <summary>Seals what overflows in <paramref name="next"/>; call right before its write.</summary>
    public async Task SealOverflowAsync(LoanState next)
    {
        // One command may add many records (a create with 20 invitations): seal until the working set fits.
        while (LoanRecords.Overflow(next.History) is { Length: > 0 } history)
        {
            await Chunk("history", next.SealedHistoryChunks).SealHistoryAsync(history);
            next.History.RemoveRange(0, history.Length);
            next.SealedHistoryChunks++;
        }

        while (LoanRecords.Overflow(next.Funding) is { Length: > 0 } funding)
        {
            await Chunk("funding", next.SealedFundingChunks).SealFundingAsync(funding);
            next.Funding.RemoveRange(0, funding.Length);
            next.SealedFundingChunks++;
        }

        while (LoanRecords.Overflow(next.Repayments, LoanRecords.RepaymentChunkSize) is { Length: > 0 } repayments)
        {
            await Chunk("repayments", next.SealedRepaymentChunks).SealRepaymentsAsync(repayments);
            next.Repayments.RemoveRange(0, repayments.Length);
            next.SealedRepaymentChunks++;
        }
    }

    /// <summary>A page of the history for someone who can see the loan; null (not found) for anyone else.</summary>
    public async Task<Page<LoanHistoryEntry>?> HistoryAsync(LoanState loan, Viewer viewer, PageRequest page)
    {
        if (!CanSee(loan, viewer))
        {
            return null;
        }

        var entries = await ReadAsync(page, loan.History, loan.SealedHistoryChunks, n => Chunk("history", n).ReadHistoryAsync());
        var current = entries.Items.Select(LoanRecords.Current);
        if (viewer.UserId != loan.BorrowerId)
        {
            // A lender reads other lenders' invitations with their addresses masked and their account ids hidden, as in
            // the loan's view; another lender's changes show the system's actor id (all zeros) instead of theirs.
            var own = string.IsNullOrWhiteSpace(viewer.Email) ? null : EmailAddress.Normalize(viewer.Email);
            current = current.Select(e => HideCoLenders(MaskEmails(e, own), viewer.UserId, loan.BorrowerId));
        }

        return entries with { Items = [.. current] };
    }

    private static LoanHistoryEntry MaskEmails(LoanHistoryEntry entry, string? own) =>
        entry.Changes.IsDefaultOrEmpty || !entry.Changes.Any(IsEmail)
            ? entry
            : entry with
            {
                Changes = [.. entry.Changes.Select(c => IsEmail(c)
                    ? c with { Before = CoLenderPrivacy.ForViewer(c.Before, own), After = CoLenderPrivacy.ForViewer(c.After, own) }
                    : c)],
            };

    private static LoanHistoryEntry HideCoLenders(LoanHistoryEntry entry, Guid viewerId, Guid borrowerId)
    {
        string? Shown(string? id) =>
            id is null || (Guid.TryParse(id, out var account) && CoLenderPrivacy.ShowsAccount(account, viewerId, borrowerId)) ? id : null;

        var actor = entry.ActorId == Guid.Empty || CoLenderPrivacy.ShowsAccount(entry.ActorId, viewerId, borrowerId) ? entry.ActorId : Guid.Empty;
        var hides = !entry.Changes.IsDefaultOrEmpty && entry.Changes.Any(c => IsLenderId(c) && (Shown(c.Before) != c.Before || Shown(c.After) != c.After));
        return actor == entry.ActorId && !hides
            ? entry
            : entry with
            {
                ActorId = actor,
                Changes = hides ? [.. entry.Changes.Select(c => IsLenderId(c) ? c with { Before = Shown(c.Before), After = Shown(c.After) } : c)] : entry.Changes,
            };
    }

    /// <summary>A participant's account: <c>participants[&lt;id&gt;].lender_id</c>.</summary>
    private static bool IsLenderId(FieldChange change) =>
        change.Field == "lender_id" || change.Field.EndsWith(".lender_id", StringComparison.Ordinal);

    /// <summary>A participant's address: <c>participants[&lt;id&gt;].email</c>.</summary>
    private static bool IsEmail(FieldChange change) =>
        change.Field == "email" || change.Field.EndsWith(".email", StringComparison.Ordinal);

    /// <summary>A page of the funding series for someone who can see the loan; null (not found) for anyone else.</summary>
    public async Task<Page<FundingPoint>?> FundingAsync(LoanState loan, Viewer viewer, PageRequest page) =>
        CanSee(loan, viewer) ? await ReadAsync(page, loan.Funding, loan.SealedFundingChunks, n => Chunk("funding", n).ReadFundingAsync()) : null;

    private static bool CanSee(LoanState loan, Viewer viewer)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        return LoanAccess.CanSee(loan, viewer.UserId, viewer.Email);
    }

    public Task<Page<RepaymentResult>> RepaymentsAsync(LoanState loan, PageRequest page) =>
        ReadAsync(page, loan.Repayments, loan.SealedRepaymentChunks, n => Chunk("repayments", n).ReadRepaymentsAsync(), LoanRecords.RepaymentChunkSize);

    /// <summary>The record with this sequence number (1 for the first repayment), from the working set or its chunk.</summary>
    public async Task<RepaymentResult> RepaymentAsync(LoanState loan, int sequence)
    {
        var page = await RepaymentsAsync(loan, new PageRequest(1, (sequence - 1).ToString(CultureInfo.InvariantCulture)));
        return page.Items.Single();
    }

    private ILoanRecordChunkGrain Chunk(string kind, int number) =>
        grains.GetGrain<ILoanRecordChunkGrain>($"{loanId:N}/{kind}/{number.ToString(CultureInfo.InvariantCulture)}");

    /// <summary>
    /// One page, oldest first. The cursor is the position in the whole series (sealed chunks, then the working
    /// set), so a page reads at most the chunks it covers.
    /// </summary>
    private static async Task<Page<T>> ReadAsync<T>(
        PageRequest page, List<T> recent, int sealedChunks, Func<int, Task<ImmutableArray<T>>> readChunk, int size = LoanRecords.ChunkSize)
    {
        ArgumentNullException.ThrowIfNull(page);
        var errors = new FieldErrors();
        PagingLimits.Limit.Check(errors, "limit", page.Limit);
        var start = 0;
        errors.When(page.After is not null && (!int.TryParse(page.After, NumberStyles.None, CultureInfo.InvariantCulture, out start) || start < 0),
            "next_token", "Is not a token this list gave.");
        errors.ThrowIfAny();

        var sealedCount = sealedChunks * size;
        var total = sealedCount + recent.Count;
        var end = Math.Min(total, start + page.Limit);
        var items = new List<T>(Math.Max(0, end - start));
        var chunks = Enumerable.Range(start / size, Math.Max(0, (Math.Min(end, sealedCount) - 1) / size - (start / size) + 1))
            .Where(_ => start < sealedCount)
            .Select(n => (Number: n, Read: readChunk(n)))
            .ToList();
        await Task.WhenAll(chunks.Select(c => c.Read));
        for (var i = start; i < end; i++)
        {
            items.Add(i < sealedCount ? chunks.Single(c => c.Number == i / size).Read.Result[i % size] : recent[i - sealedCount]);
        }

        var hasMore = end < total;
        return new Page<T>([.. items], hasMore, hasMore ? end.ToString(CultureInfo.InvariantCulture) : null);
    }
}
