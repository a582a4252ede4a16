namespace PrivateLending.Grains.Abstractions.Rules;

/// <summary>
/// The field rules of a loan and its invitations: the API checks them before calling a grain (so a client gets
/// every field error at once), the loan grain checks them again on its side, and the OpenAPI document publishes them.
/// </summary>
public static class LoanLimits
{
    /// <summary>Lenders one request may invite.</summary>
    public const int MaxLendersPerRequest = 20;

    /// <summary>Participants (declined included) one loan may hold, so its stored item stays small.</summary>
    public const int MaxParticipants = 100;

    /// <summary>The loan amount: more than 0, at most 10,000,000, in cents.</summary>
    public static readonly DecimalRule Amount = new(0m, ExclusiveMinimum: true, 10_000_000m, Decimals: 2);

    /// <summary>One lender's contribution: like a loan amount.</summary>
    public static readonly DecimalRule Contribution = Amount;

    /// <summary>The yearly interest rate in percent: 0 to 100 with up to 4 decimals.</summary>
    public static readonly DecimalRule InterestRate = new(0m, ExclusiveMinimum: false, 100m, Decimals: 4);

    /// <summary>The term in months: 1 to 480 (40 years).</summary>
    public static readonly IntegerRule TermMonths = new(1, 480);

    /// <summary>What the money is for: 1 to 500 characters after trimming, at most 1,000 bytes in UTF-8.</summary>
    public static readonly TextRule Purpose = new(1, 500, MaxBytes: 1000);

    /// <summary>Why a borrower cancels: 1 to 500 characters after trimming, at most 1,000 bytes in UTF-8.</summary>
    public static readonly TextRule CancelReason = new(1, 500, MaxBytes: 1000);

    /// <summary>Days a new loan stays open for funding when its request gives no deadline (an operator may configure another).</summary>
    public const int DefaultFundingDays = 30;

    /// <summary>The furthest funding deadline a request may set, in days from now (an operator may configure another).</summary>
    public const int MaxFundingDays = 90;

    /// <summary>
    /// A requested funding deadline: after <paramref name="now"/> and at most <paramref name="maxDays"/> days later.
    /// Nothing is added when it is missing (the default applies).
    /// </summary>
    public static void CheckFundingDeadline(FieldErrors errors, DateTimeOffset? deadline, DateTimeOffset now, int maxDays)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (deadline is not { } at)
        {
            return;
        }

        if (!errors.When(at <= now, "funding_deadline", "Must be in the future."))
        {
            errors.When(at > now.AddDays(maxDays), "funding_deadline", $"Must be at most {maxDays} days from now.");
        }
    }

    /// <summary>Every term of a new loan, each required.</summary>
    public static void CheckTerms(FieldErrors errors, decimal? amount, decimal? interestRate, int? termMonths, string? purpose)
    {
        Amount.Check(errors, "amount", amount);
        InterestRate.Check(errors, "interest_rate", interestRate);
        TermMonths.Check(errors, "term_months", termMonths);
        Purpose.Check(errors, "purpose", purpose);
    }

    /// <summary>How many lenders one request invites: at least <paramref name="minimum"/>, at most <see cref="MaxLendersPerRequest"/>.</summary>
    public static bool CheckLenderCount(FieldErrors errors, int count, int minimum)
    {
        ArgumentNullException.ThrowIfNull(errors);
        return !errors.When(count < minimum, "lenders", minimum == 1 ? "Give at least one lender." : $"Give at least {minimum} lenders.")
            && !errors.When(count > MaxLendersPerRequest, "lenders", $"At most {MaxLendersPerRequest} lenders per request.");
    }

    /// <summary>One invitation: a valid email other than the borrower's and a valid contribution.</summary>
    /// <param name="errors">Where the errors go, under <c>lenders[i].email</c> and <c>lenders[i].amount</c>.</param>
    /// <param name="index">The invitation's position in the request.</param>
    /// <param name="email">The invited address as sent.</param>
    /// <param name="amount">The contribution asked of the lender.</param>
    /// <param name="borrowerNormalizedEmail">The borrower's normalised email: nobody may invite themselves.</param>
    public static void CheckInvite(FieldErrors errors, int index, string? email, decimal? amount, string borrowerNormalizedEmail)
    {
        var prefix = $"lenders[{index}]";
        if (EmailAddress.Check(errors, prefix + ".email", email))
        {
            errors.When(EmailAddress.Normalize(email!) == borrowerNormalizedEmail, prefix + ".email", "A borrower cannot invite themselves.");
        }

        Contribution.Check(errors, prefix + ".amount", amount);
    }
}
