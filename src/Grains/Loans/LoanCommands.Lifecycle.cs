using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans;

/// <summary>The commands that change a loan after its creation: new terms, cancellation, linking an account.</summary>
internal static partial class LoanCommands
{
    /// <summary>Changes terms; false when nothing would change (no write, no version bump).</summary>
    public static bool UpdateTerms(LoanState loan, UpdateLoanTerms command, DateTimeOffset now, List<LoanChange> changes)
    {
        if (command.ExpectedVersion != loan.Version)
        {
            throw new DomainException(
                DomainErrorCode.PreconditionFailed, $"The loan is at version {loan.Version}, not {command.ExpectedVersion}.");
        }

        RequirePending(loan, "Only a pending loan's terms can change.");
        if (loan.Participants.Exists(p => p.Status == ParticipantStatus.Accepted))
        {
            throw new DomainException(DomainErrorCode.Conflict, "Terms cannot change once a lender has accepted.");
        }

        var amount = command.Amount ?? loan.Amount;
        var rate = command.InterestRate ?? loan.InterestRate;
        var term = command.TermMonths ?? loan.TermMonths;
        var purpose = command.Purpose?.Trim() ?? loan.Purpose;
        var errors = new FieldErrors();
        // The text as sent: a line break around it is refused like one inside it (as the API does).
        LoanRules.CheckTerms(amount, rate, term, command.Purpose ?? loan.Purpose, errors);
        errors.ThrowIfAny();
        if (amount < NonDeclinedSum(loan))
        {
            throw new DomainException(DomainErrorCode.OverFunding, "The amount cannot be less than the contributions already invited.");
        }

        if (amount == loan.Amount && rate == loan.InterestRate && term == loan.TermMonths && purpose == loan.Purpose)
        {
            return false;
        }

        changes.Add(new TermsChanged(loan.Amount, loan.InterestRate, loan.TermMonths, loan.Purpose));
        (loan.Amount, loan.InterestRate, loan.TermMonths, loan.Purpose) = (amount, rate, term, purpose);
        loan.TermsVersion = LoanViews.TermsVersion(loan) + 1;
        Touch(loan, command.Actor.UserId, now);
        return true;
    }

    public static void Cancel(LoanState loan, CancelLoan command, DateTimeOffset now, List<LoanChange> changes)
    {
        var reason = LoanRules.CheckReason(command.Reason);
        RequirePending(loan, "Only a pending loan can be cancelled.");
        loan.Status = LoanStatus.Cancelled;
        loan.DeletedAt = now;
        loan.DeletedBy = command.Actor.UserId;
        loan.DeletionReason = reason;
        Touch(loan, command.Actor.UserId, now);
        changes.Add(new LoanCancelled());
    }

    /// <summary>Gives the invited email's participants their account; false when every one already has it.</summary>
    public static bool Link(LoanState loan, LinkLender command, DateTimeOffset now, List<LoanChange> changes)
    {
        var changed = false;
        foreach (var p in loan.Participants.Where(p => p.NormalizedEmail == command.NormalizedEmail))
        {
            if (p.LenderId is null || (p.LenderId == command.LenderId && p.LenderName is null))
            {
                changes.Add(new LenderLinked(p.ParticipantId, p.LenderId));
                p.LenderId = command.LenderId;
                p.LenderName = command.LenderName;
                changed = true;
            }
        }

        if (changed)
        {
            Touch(loan, command.LenderId, now);
        }

        return changed;
    }
}
