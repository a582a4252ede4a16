using PrivateLending.Api.Infrastructure.Validation;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Loans;

/// <summary>
/// DESIGN §3 field rules, checked before any grain call so clients get every field error at once. The loan
/// grain checks the same rules (and the ones that need state: duplicates, over-funding) on its side.
/// </summary>
internal static class LoanValidation
{
    public const decimal MaxAmount = 10_000_000m;
    public const int MaxTermMonths = 480;
    public const int MaxPurposeLength = 500;
    public const int MaxReasonLength = 500;
    public const int MaxLendersPerRequest = 20;

    public static FieldErrors Create(CreateLoanRequest request, string callerNormalizedEmail)
    {
        var errors = new FieldErrors();
        FieldRules.Money(errors, "amount", request.Amount, MaxAmount);
        InterestRate(errors, request.InterestRate, required: true);
        TermMonths(errors, request.TermMonths, required: true);
        FieldRules.Text(errors, "purpose", request.Purpose, MaxPurposeLength);
        if (request.Lenders is { Count: > 0 })
        {
            Lenders(errors, request.Lenders, callerNormalizedEmail);
        }

        return errors;
    }

    public static FieldErrors Update(UpdateLoanRequest request)
    {
        var errors = new FieldErrors();
        if (request is { Amount: null, InterestRate: null, TermMonths: null, Purpose: null })
        {
            errors.Add("body", "Give at least one of amount, interest_rate, term_months, purpose.");
            return errors;
        }

        if (request.Amount is not null)
        {
            FieldRules.Money(errors, "amount", request.Amount, MaxAmount);
        }

        InterestRate(errors, request.InterestRate, required: false);
        TermMonths(errors, request.TermMonths, required: false);
        if (request.Purpose is not null)
        {
            FieldRules.Text(errors, "purpose", request.Purpose, MaxPurposeLength);
        }

        return errors;
    }

    public static FieldErrors Cancel(CancelLoanRequest? request)
    {
        var errors = new FieldErrors();
        FieldRules.Text(errors, "reason", request?.Reason, MaxReasonLength);
        return errors;
    }

    /// <summary>1–20 lenders, each a valid email other than the borrower's and a valid amount.</summary>
    public static void Lenders(FieldErrors errors, IReadOnlyList<LenderInviteRequest>? lenders, string callerNormalizedEmail)
    {
        if (lenders is null || lenders.Count == 0)
        {
            errors.Add("lenders", "Give at least one lender.");
            return;
        }

        if (lenders.Count > MaxLendersPerRequest)
        {
            errors.Add("lenders", $"At most {MaxLendersPerRequest} lenders per request.");
            return;
        }

        for (var i = 0; i < lenders.Count; i++)
        {
            var lender = lenders[i];
            var prefix = $"lenders[{i}]";
            if (lender is null)
            {
                errors.Add(prefix, "Must be an object with email and amount.");
                continue;
            }

            FieldRules.Email(errors, prefix + ".email", lender.Email);
            if (FieldRules.IsEmail(lender.Email))
            {
                errors.When(EmailAddress.Normalize(lender.Email!) == callerNormalizedEmail, prefix + ".email",
                    "A borrower cannot invite themselves.");
            }

            FieldRules.Money(errors, prefix + ".amount", lender.Amount, MaxAmount);
        }
    }

    public static LenderInvite ToInvite(LenderInviteRequest lender) => new(lender.Email!.Trim(), lender.Amount!.Value);

    private static void InterestRate(FieldErrors errors, decimal? value, bool required)
    {
        if (value is not { } rate)
        {
            errors.When(required, "interest_rate", "Interest rate is required.");
            return;
        }

        errors.When(rate is < 0 or > 100, "interest_rate", "Must be between 0 and 100 (percent).");
        errors.When(FieldRules.SignificantDecimalPlaces(rate) > 4, "interest_rate", "Must have at most 4 decimal places.");
    }

    private static void TermMonths(FieldErrors errors, int? value, bool required)
    {
        if (value is not { } months)
        {
            errors.When(required, "term_months", "Term is required.");
            return;
        }

        errors.When(months is < 1 or > MaxTermMonths, "term_months", $"Must be between 1 and {MaxTermMonths} months.");
    }
}
