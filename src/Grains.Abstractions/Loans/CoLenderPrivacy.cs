using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// What a lender sees of the loan's other lenders: their addresses masked (<see cref="EmailAddress.Mask"/>), so a
/// participant cannot harvest co-lenders' addresses (to squat them, or to mail them). The borrower, who typed them,
/// sees them in full, and every lender sees their own. One rule for the loan's views and the live events built from them.
/// </summary>
public static class CoLenderPrivacy
{
    /// <summary>The view as <paramref name="viewerId"/> (with their normalised email, when known) may see it.</summary>
    public static LoanView ForViewer(LoanView loan, Guid viewerId, string? normalizedEmail)
    {
        ArgumentNullException.ThrowIfNull(loan);
        if (viewerId == loan.BorrowerId || loan.Participants.IsDefaultOrEmpty)
        {
            return loan;
        }

        return loan with { Participants = [.. loan.Participants.Select(p => IsOwn(p, viewerId, normalizedEmail) ? p : p with { LenderEmail = EmailAddress.Mask(p.LenderEmail) })] };
    }

    /// <summary>A history field's value as a lender sees it: another lender's address masked, their own in full.</summary>
    public static string? ForViewer(string? email, string? normalizedEmail) =>
        email is null || (normalizedEmail is not null && EmailAddress.Normalize(email) == normalizedEmail) ? email : EmailAddress.Mask(email);

    private static bool IsOwn(ParticipantView p, Guid viewerId, string? normalizedEmail) =>
        p.LenderId == viewerId || (!string.IsNullOrEmpty(normalizedEmail) && EmailAddress.Normalize(p.LenderEmail) == normalizedEmail);
}
