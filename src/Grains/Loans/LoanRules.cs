using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's rules as pure functions: the field rules come from <see cref="LoanLimits"/> (shared with the API);
/// duplicates and over-funding need the loan's state and live only here.
/// </summary>
internal static class LoanRules
{
    public static void CheckTerms(decimal amount, decimal interestRate, int termMonths, string? purpose, FieldErrors errors) =>
        LoanLimits.CheckTerms(errors, amount, interestRate, termMonths, purpose);

    /// <summary>Field rules of one request's invitations (count, email, amount, self-invite), added to <paramref name="errors"/>.</summary>
    public static void CheckInvites(ImmutableArray<LenderInvite> invites, int minimum, string borrowerEmail, FieldErrors errors)
    {
        var list = invites.IsDefault ? [] : invites;
        LoanLimits.CheckLenderCount(errors, list.Length, minimum);
        for (var i = 0; i < list.Length; i++)
        {
            LoanLimits.CheckInvite(errors, i, list[i]?.Email, list[i]?.Amount, borrowerEmail);
        }
    }

    /// <summary>DuplicateLender when an email repeats within the request or matches a non-declined participant.</summary>
    public static void CheckNoDuplicates(ImmutableArray<LenderInvite> invites, IEnumerable<ParticipantState> existing)
    {
        var taken = existing.Where(p => p.Status != ParticipantStatus.Declined)
            .Select(p => p.NormalizedEmail)
            .ToHashSet(StringComparer.Ordinal);
        foreach (var invite in invites.IsDefault ? [] : invites)
        {
            if (!taken.Add(EmailAddress.Normalize(invite.Email)))
            {
                throw new DomainException(DomainErrorCode.DuplicateLender, $"{invite.Email.Trim()} is already invited to this loan.");
            }
        }
    }

    /// <summary>OverFunding when non-declined contributions would pass the loan amount.</summary>
    public static void CheckFunding(decimal amount, decimal nonDeclined, decimal added)
    {
        if (nonDeclined + added > amount)
        {
            throw new DomainException(
                DomainErrorCode.OverFunding,
                $"Invitations would total {nonDeclined + added:0.00}, more than the loan amount {amount:0.00}.");
        }
    }

    public static string CheckReason(string? reason)
    {
        var errors = new FieldErrors();
        LoanLimits.CancelReason.Check(errors, "reason", reason);
        errors.ThrowIfAny();
        return reason!.Trim();
    }
}
