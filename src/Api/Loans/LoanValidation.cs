using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Loans;

/// <summary>
/// The loan field rules of <see cref="LoanLimits"/>, checked before any grain call so clients get every field
/// error at once. The loan grain checks the same rules (and the ones that need state: duplicates, over-funding).
/// </summary>
internal static class LoanValidation
{
    public static FieldErrors Create(CreateLoanRequest request, string callerNormalizedEmail, DateTimeOffset now)
    {
        var errors = new FieldErrors();
        LoanLimits.CheckTerms(errors, request.Amount, request.InterestRate, request.TermMonths, request.Purpose);
        LoanLimits.CheckFundingDeadline(errors, request.FundingDeadline, now, LoanLimits.MaxFundingDays);
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

        // Members left out keep their value; only the ones sent are checked.
        if (request.Amount is not null)
        {
            LoanLimits.Amount.Check(errors, "amount", request.Amount);
        }

        if (request.InterestRate is not null)
        {
            LoanLimits.InterestRate.Check(errors, "interest_rate", request.InterestRate);
        }

        if (request.TermMonths is not null)
        {
            LoanLimits.TermMonths.Check(errors, "term_months", request.TermMonths);
        }

        if (request.Purpose is not null)
        {
            LoanLimits.Purpose.Check(errors, "purpose", request.Purpose);
        }

        return errors;
    }

    public static FieldErrors Cancel(CancelLoanRequest? request)
    {
        var errors = new FieldErrors();
        LoanLimits.CancelReason.Check(errors, "reason", request?.Reason);
        return errors;
    }

    /// <summary>1 to <see cref="LoanLimits.MaxLendersPerRequest"/> lenders, each a valid email other than the borrower's and a valid amount.</summary>
    public static void Lenders(FieldErrors errors, IReadOnlyList<LenderInviteRequest>? lenders, string callerNormalizedEmail)
    {
        if (!LoanLimits.CheckLenderCount(errors, lenders?.Count ?? 0, minimum: 1))
        {
            return;
        }

        for (var i = 0; i < lenders!.Count; i++)
        {
            if (lenders[i] is { } lender)
            {
                LoanLimits.CheckInvite(errors, i, lender.Email, lender.Amount, callerNormalizedEmail);
            }
            else
            {
                errors.Add($"lenders[{i}]", "Must be an object with email and amount.");
            }
        }
    }

    public static LenderInvite ToInvite(LenderInviteRequest lender) => new(lender.Email!.Trim(), lender.Amount!.Value);
}
