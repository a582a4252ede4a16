using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Accounts that already exist when a lender is invited are part of the invitation's own write: the participant
/// gets its lender id before the version is given to the client, so the later link from the lender index finds
/// nothing to change and the version the client holds stays current.
/// </summary>
internal static class LoanAccounts
{
    /// <summary>Gives not-yet-linked participants of the known emails their account; no version change (same write).</summary>
    public static void Apply(LoanState loan, IReadOnlyDictionary<string, LinkLender> known)
    {
        foreach (var p in loan.Participants.Where(p => p.LenderId is null))
        {
            if (known.TryGetValue(p.NormalizedEmail, out var account))
            {
                p.LenderId = account.LenderId;
                p.LenderName = account.LenderName;
            }
        }
    }

    /// <summary>The participant views of <paramref name="added"/> as they are after <see cref="Apply"/>.</summary>
    public static LenderAddition Refresh(LoanState loan, LenderAddition added) =>
        added with
        {
            Added = [.. added.Added.Select(a => LoanViews.ToParticipant(loan.LoanId, loan.Participants.Find(p => p.ParticipantId == a.ParticipantId)!, showAch: false))],
        };
}
