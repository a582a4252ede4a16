using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Servicing;

/// <summary>An accepted lender's contribution at disbursement: the weight of its share of every repayment.</summary>
internal sealed record LenderContribution(Guid ParticipantId, Guid? LenderId, decimal Amount);

/// <summary>Starts servicing a disbursed loan: its schedule, and one position per accepted lender.</summary>
internal static class ServicingSetup
{
    public static ServicingState Start(
        Guid loanId, decimal amount, decimal interestRate, int termMonths, DateOnly disbursedOn, IReadOnlyCollection<LenderContribution> lenders)
    {
        ArgumentNullException.ThrowIfNull(lenders);
        var errors = new FieldErrors();
        LoanLimits.Amount.Check(errors, "amount", amount);
        LoanLimits.InterestRate.Check(errors, "interest_rate", interestRate);
        LoanLimits.TermMonths.Check(errors, "term_months", termMonths);
        errors.When(lenders.Count is 0 or > LoanLimits.MaxParticipants, "lenders", $"Give 1 to {LoanLimits.MaxParticipants} accepted lenders.");
        errors.When(lenders.Any(l => !LoanLimits.Contribution.Allows(l.Amount)), "lenders", "Every contribution must be a valid amount.");
        errors.When(lenders.DistinctBy(l => l.ParticipantId).Count() != lenders.Count, "lenders", "Participants must be distinct.");
        errors.ThrowIfAny();

        var schedule = AmortizationSchedule.Build(amount, interestRate, termMonths, disbursedOn);
        return new ServicingState
        {
            LoanId = loanId,
            Amount = amount,
            InterestRate = interestRate,
            TermMonths = termMonths,
            DisbursedOn = disbursedOn,
            InstallmentAmount = schedule.InstallmentAmount,
            Installments = [.. schedule.Installments.Select(i => new InstallmentState
            {
                Number = i.Number, DueDate = i.DueDate, Principal = i.Principal, Interest = i.Interest,
            })],
            // Sorted once: the order in which rounding ties are broken.
            Lenders = [.. lenders.OrderBy(l => l.ParticipantId).Select(l => new LenderPosition
            {
                ParticipantId = l.ParticipantId, LenderId = l.LenderId, Contribution = l.Amount,
            })],
        };
    }
}
