using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Users;

namespace PrivateLending.Grains.Loans;

/// <summary>The field rules of DESIGN §3, as pure functions. Field names are snake_case, as clients send them.</summary>
internal static class LoanRules
{
    public const decimal MaxAmount = 10_000_000m;
    public const int MaxTermMonths = 480;
    public const int MaxPurposeLength = 500;
    public const int MaxReasonLength = 500;
    public const int MaxLendersPerRequest = 20;

    /// <summary>Participants (declined included) one loan may hold, so its item stays far below DynamoDB's 400 KB.</summary>
    public const int MaxParticipants = 100;

    /// <summary>True when <paramref name="value"/> needs no more than <paramref name="decimals"/> decimal places.</summary>
    public static bool HasAtMostDecimals(decimal value, int decimals) => decimal.Round(value, decimals) == value;

    public static void CheckTerms(decimal amount, decimal interestRate, int termMonths, string? purpose, FieldErrors errors)
    {
        if (amount <= 0 || amount > MaxAmount || !HasAtMostDecimals(amount, 2))
        {
            errors.Add("amount", "amount must be more than 0 and at most 10,000,000, with at most 2 decimals.");
        }

        if (interestRate < 0 || interestRate > 100 || !HasAtMostDecimals(interestRate, 4))
        {
            errors.Add("interest_rate", "interest_rate must be between 0 and 100, with at most 4 decimals.");
        }

        if (termMonths is < 1 or > MaxTermMonths)
        {
            errors.Add("term_months", "term_months must be between 1 and 480.");
        }

        var trimmed = purpose?.Trim() ?? "";
        if (trimmed.Length is < 1 or > MaxPurposeLength)
        {
            errors.Add("purpose", "purpose must be 1 to 500 characters.");
        }
    }

    /// <summary>Field rules of one request's invitations (count, email, amount, self-invite), added to <paramref name="errors"/>.</summary>
    public static void CheckInvites(ImmutableArray<LenderInvite> invites, int minimum, string borrowerEmail, FieldErrors errors)
    {
        var list = invites.IsDefault ? [] : invites;
        if (list.Length < minimum || list.Length > MaxLendersPerRequest)
        {
            errors.Add("lenders", $"Between {minimum} and {MaxLendersPerRequest} lenders may be invited per request.");
        }

        for (var i = 0; i < list.Length; i++)
        {
            var invite = list[i];
            if (invite is null || !EmailRules.IsValid(invite.Email))
            {
                errors.Add($"lenders[{i}].email", "A valid email address is required.");
            }
            else if (EmailAddress.Normalize(invite.Email) == borrowerEmail)
            {
                errors.Add($"lenders[{i}].email", "A borrower cannot invite themselves.");
            }

            if (invite is null || invite.Amount <= 0 || invite.Amount > MaxAmount || !HasAtMostDecimals(invite.Amount, 2))
            {
                errors.Add($"lenders[{i}].amount", "amount must be more than 0, with at most 2 decimals.");
            }
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
                throw new DomainException(ErrorCode.DuplicateLender, $"{invite.Email.Trim()} is already invited to this loan.");
            }
        }
    }

    /// <summary>OverFunding when non-declined contributions would pass the loan amount.</summary>
    public static void CheckFunding(decimal amount, decimal nonDeclined, decimal added)
    {
        if (nonDeclined + added > amount)
        {
            throw new DomainException(
                ErrorCode.OverFunding,
                $"Invitations would total {nonDeclined + added:0.00}, more than the loan amount {amount:0.00}.");
        }
    }

    public static string CheckReason(string? reason)
    {
        var trimmed = reason?.Trim() ?? "";
        return trimmed.Length is >= 1 and <= MaxReasonLength
            ? trimmed
            : throw DomainException.Invalid("reason", "reason must be 1 to 500 characters.");
    }
}
