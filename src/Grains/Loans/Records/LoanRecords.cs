using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans.Records;

/// <summary>
/// The loan's records, written in the same write as the change: one history record per change (named as the
/// change, with the fields it touched) and, when funding moved, a point of the funding series.
/// </summary>
internal static class LoanRecords
{
    /// <summary>Entries per sealed chunk item, and the most the working set holds before the oldest are sealed.</summary>
    public const int ChunkSize = 25;

    /// <summary>
    /// Repayment records per sealed chunk. A record carries one line per lender (about 16 KB with 100 lenders, more for a
    /// payoff touching hundreds of installments) and the loan item already holds the schedule, so each record is sealed
    /// on its own once two newer ones follow it: the working set holds at most two.
    /// </summary>
    public const int RepaymentChunkSize = 1;

    /// <summary>Appends the records of <paramref name="changes"/>, committed as <paramref name="after"/>'s version.</summary>
    public static void Record(LoanState after, IReadOnlyList<LoanChange> changes, DateTimeOffset now)
    {
        foreach (var change in changes)
        {
            var prefix = change.ParticipantId is { } id ? $"participants[{id}]." : "";
            var fields = ChangedFields.Of(change, after).Select(f => f with { Field = prefix + f.Field });
            after.History.Add(new LoanHistoryEntry(after.Version, now, after.UpdatedBy, change.Name, [.. fields], change.Reason(after)));
        }

        var point = Point(after, now);
        var last = after.Funding.Count > 0 ? after.Funding[^1] : null;
        if (last is null || !SameFunding(last, point))
        {
            after.Funding.Add(point);
        }
    }

    public static FundingPoint Point(LoanState loan, DateTimeOffset now)
    {
        var figures = LoanViews.Figures(loan);
        var declined = loan.Participants.Count(p => p.Status == ParticipantStatus.Declined);
        return new FundingPoint(now, loan.Version, figures.TotalInvited, figures.TotalFunded, figures.FundingPercentage,
            figures.PendingParticipantCount, figures.AcceptedParticipantCount, declined);
    }

    private static bool SameFunding(FundingPoint a, FundingPoint b) =>
        a.TotalInvited == b.TotalInvited && a.TotalFunded == b.TotalFunded && a.PendingCount == b.PendingCount
        && a.AcceptedCount == b.AcceptedCount && a.DeclinedCount == b.DeclinedCount;

    /// <summary>The oldest <paramref name="chunkSize"/> entries when the working set is full (to seal before the write), else empty.</summary>
    public static ImmutableArray<T> Overflow<T>(List<T> working, int chunkSize = ChunkSize) =>
        working.Count > 2 * chunkSize ? [.. working.Take(chunkSize)] : [];

    /// <summary>
    /// History names stored before every record used the change names of <see cref="LoanEvents"/>, mapped to those
    /// names when read, so a loan's history speaks one vocabulary whatever its age.
    /// </summary>
    public static LoanHistoryEntry Current(LoanHistoryEntry entry) =>
        LegacyNames.TryGetValue(entry.Action, out var name) ? entry with { Action = name } : entry;

    private static readonly Dictionary<string, string> LegacyNames = new(StringComparer.Ordinal)
    {
        ["created"] = LoanEvents.LoanCreated,
        ["lenders_added"] = LoanEvents.LenderInvited,
        ["accepted"] = LoanEvents.ParticipantAccepted,
        ["declined"] = LoanEvents.ParticipantDeclined,
        ["lender_linked"] = LoanEvents.ParticipantLinked,
        ["terms_updated"] = LoanEvents.TermsChanged,
        ["cancelled"] = LoanEvents.LoanCancelled,
        ["expired"] = LoanEvents.LoanExpired,
    };
}
