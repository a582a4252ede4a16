using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// What a lender sees of the loan's other lenders: their addresses masked (<see cref="EmailAddress.Mask"/>), so a
/// participant cannot harvest co-lenders' addresses (to squat them, or to mail them), and no account id (which would
/// tie a co-lender to their other loans and answers). The borrower, who typed the addresses, sees them in full, and
/// every lender sees their own. One rule for the loan's views, its history and the live events built from them.
/// </summary>
public static class CoLenderPrivacy
{
    /// <summary>The view as <paramref name="viewerId"/> (with their normalised email, when known) may see it.</summary>
    public static LoanView ForViewer(LoanView loan, Guid viewerId, string? normalizedEmail)
    {
        ArgumentNullException.ThrowIfNull(loan);
        if (viewerId == loan.BorrowerId)
        {
            return loan;
        }

        // The last change may be another lender's answer: its author shows as the system (all zeros), as in the history.
        var audit = ShowsAccount(loan.Audit.UpdatedBy, viewerId, loan.BorrowerId) ? loan.Audit : loan.Audit with { UpdatedBy = Guid.Empty };
        return loan with
        {
            Participants = loan.Participants.IsDefaultOrEmpty
                ? loan.Participants
                : [.. loan.Participants.Select(p => IsOwn(p, viewerId, normalizedEmail) ? p : p with { LenderEmail = EmailAddress.Mask(p.LenderEmail), LenderId = null })],
            Audit = audit,
        };
    }

    /// <summary>A history field's value as a lender sees it: another lender's address masked, their own in full.</summary>
    public static string? ForViewer(string? email, string? normalizedEmail) =>
        email is null || (normalizedEmail is not null && EmailAddress.Normalize(email) == normalizedEmail) ? email : EmailAddress.Mask(email);

    /// <summary>An account id in a history entry (actor or <c>lender_id</c>) as a lender sees it: their own and the borrower's, no other.</summary>
    public static bool ShowsAccount(Guid accountId, Guid viewerId, Guid borrowerId) =>
        accountId == viewerId || accountId == borrowerId;

    private static bool IsOwn(ParticipantView p, Guid viewerId, string? normalizedEmail) =>
        p.LenderId == viewerId || (!string.IsNullOrEmpty(normalizedEmail) && EmailAddress.Normalize(p.LenderEmail) == normalizedEmail);
}
