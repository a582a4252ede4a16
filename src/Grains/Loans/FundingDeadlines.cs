using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The funding deadline as pure rules: which deadline a new loan gets, when a loan is due to expire, and what
/// expiring changes. A loan still PENDING at its deadline becomes EXPIRED: closed to every command (they require
/// PENDING), its pending invitations withdrawn from the lenders' lists, and accepted contributions released from
/// their portfolios (the index hears the new status through the outbox, as for a cancellation).
/// </summary>
internal static class FundingDeadlines
{
    /// <summary>Who an expiry is recorded as changed by: no user, the deadline itself.</summary>
    public static readonly Guid System = Guid.Empty;

    /// <summary>The requested deadline, checked against <paramref name="options"/>, or the default when none is given.</summary>
    public static DateTimeOffset Resolve(DateTimeOffset? requested, DateTimeOffset now, FundingDeadlineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        // Configuration may shorten the published limits, never lengthen them (the API checks the published ones).
        var maxDays = Math.Min(options.MaxDays, LoanLimits.MaxFundingDays);
        var errors = new FieldErrors();
        LoanLimits.CheckFundingDeadline(errors, requested, now, maxDays);
        errors.ThrowIfAny();
        return requested ?? now.AddDays(Math.Min(options.DefaultDays, maxDays));
    }

    /// <summary>True when the loan is PENDING and its deadline has come.</summary>
    public static bool IsDue(LoanState loan, DateTimeOffset now) =>
        loan.Exists && loan.Status == LoanStatus.Pending && loan.FundingDeadline is { } deadline && now >= deadline;

    /// <summary>True while a deadline is still to be acted on: the loan is PENDING and has one.</summary>
    public static bool IsOpen(LoanState loan) =>
        loan.Exists && loan.Status == LoanStatus.Pending && loan.FundingDeadline is not null;

    /// <summary>Expires a due loan; false (nothing changed) when it is not due.</summary>
    public static bool Expire(LoanState loan, DateTimeOffset now, List<LoanChange> changes)
    {
        if (!IsDue(loan, now))
        {
            return false;
        }

        loan.Status = LoanStatus.Expired;
        loan.Version++;
        loan.UpdatedAt = now;
        loan.UpdatedBy = System;
        // Every lender hears the new status (LoanExpired moves every index entry): pending invitations leave their
        // lists, and accepted ones leave their portfolios (the loan will never be funded).
        changes.Add(new LoanExpired());
        return true;
    }

    /// <summary>How long until the deadline, never negative (a due reminder or timer fires at once).</summary>
    public static TimeSpan Until(DateTimeOffset deadline, DateTimeOffset now) =>
        deadline > now ? deadline - now : TimeSpan.Zero;
}
