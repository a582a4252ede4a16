using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Servicing;

/// <summary>
/// What applying a repayment did: its record when it was new, or, for a replay of an applied one, its sequence
/// number (its record is where the first application stored it) and no change at all.
/// </summary>
internal sealed record RepaymentOutcome(RepaymentResult? Result, int Sequence, bool Replayed);

/// <summary>
/// Repayments as a pure command over a copy of the servicing state: every rule is checked before anything changes
/// (a refused repayment leaves the state as it was), then the amount goes to the installments in order (each
/// one's unpaid interest, then its principal) and to the lenders pro rata (<see cref="Distribution"/>).
/// </summary>
internal static class Repayments
{
    /// <summary>Applies one repayment to <paramref name="state"/> (a copy the caller swaps in after writing it).</summary>
    /// <param name="state">Changed in place, only when the repayment is accepted and new.</param>
    /// <param name="repaymentId">The client's id: the same id again changes nothing; with another body it is refused.</param>
    /// <param name="amount">More than zero, in cents, at most what remains.</param>
    /// <param name="paidOn">Not before the disbursement, not after <paramref name="today"/>.</param>
    /// <param name="payoff">Settle the loan: <paramref name="amount"/> must be exactly the payoff quote on <paramref name="paidOn"/>.</param>
    /// <param name="today">The current day, given by the caller.</param>
    /// <param name="rules">For the loan's status after the repayment.</param>
    public static RepaymentOutcome Apply(
        ServicingState state, Guid repaymentId, decimal amount, DateOnly paidOn, bool payoff, DateOnly today, DelinquencyRules rules)
    {
        ArgumentNullException.ThrowIfNull(state);
        var applied = state.Receipts.FindIndex(r => r.RepaymentId == repaymentId);
        if (applied >= 0)
        {
            var receipt = state.Receipts[applied];
            if (receipt.Amount != amount || receipt.PaidOn != paidOn || receipt.Payoff != payoff)
            {
                throw new DomainException(DomainErrorCode.IdempotencyKeyReused, "This repayment id was used for a different repayment.");
            }

            return new RepaymentOutcome(null, applied + 1, Replayed: true);
        }

        Check(state, repaymentId, amount, paidOn, today);
        var remaining = Remaining(state);
        if (amount > remaining)
        {
            throw new DomainException(DomainErrorCode.Overpayment, $"The loan has {remaining:0.00} left to pay, less than {amount:0.00}.");
        }

        if (payoff && Payoff.Quote(state, paidOn).Amount is var quote && amount != quote)
        {
            throw new DomainException(DomainErrorCode.PayoffMismatch, $"The payoff amount on {paidOn:yyyy-MM-dd} is {quote:0.00}, not {amount:0.00}.");
        }

        // Checked; from here on the state changes.
        var owedBefore = state.Installments.Select(i => i.Remaining > 0).ToArray();
        if (payoff)
        {
            Payoff.WaiveLaterInterest(state, paidOn);
        }

        var allocations = Allocate(state, amount, paidOn, owedBefore);
        var interest = allocations.Sum(a => a.Interest);
        var principal = allocations.Sum(a => a.Principal);
        var lines = Distribute(state, principal, interest);
        state.Receipts.Add(new RepaymentReceipt { RepaymentId = repaymentId, Amount = amount, PaidOn = paidOn, Payoff = payoff });
        var result = new RepaymentResult(
            repaymentId, state.LoanId, amount, paidOn, interest, principal, state.Installments.Sum(i => i.UnpaidPrincipal),
            Delinquency.Evaluate(state, today, rules).Status, lines, allocations, payoff, state.Receipts.Count);
        return new RepaymentOutcome(result, result.Sequence, Replayed: false);
    }

    /// <summary>Everything still owed: unpaid principal and unpaid (not waived) interest of every installment.</summary>
    public static decimal Remaining(ServicingState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Installments.Sum(i => i.Remaining);
    }

    private static void Check(ServicingState state, Guid repaymentId, decimal amount, DateOnly paidOn, DateOnly today)
    {
        var errors = new FieldErrors();
        errors.When(repaymentId == Guid.Empty, "repayment_id", "Is required.");
        errors.When(amount <= 0, "amount", "Must be greater than 0.");
        errors.When(decimal.Round(amount, 2) != amount, "amount", "Must have at most 2 decimal places.");
        errors.When(paidOn < state.DisbursedOn, "paid_on", "Must not be before the loan was disbursed.");
        errors.When(paidOn > today, "paid_on", "Must not be in the future.");
        errors.ThrowIfAny();
    }

    /// <summary>In order: each installment's unpaid interest, then its principal, until the amount is used up.</summary>
    private static ImmutableArray<InstallmentAllocation> Allocate(ServicingState state, decimal amount, DateOnly paidOn, bool[] owedBefore)
    {
        var left = amount;
        var allocations = ImmutableArray.CreateBuilder<InstallmentAllocation>();
        for (var k = 0; k < state.Installments.Count; k++)
        {
            var installment = state.Installments[k];
            var interest = Math.Min(installment.UnpaidInterest, left);
            var principal = Math.Min(installment.UnpaidPrincipal, left - interest);
            left -= interest + principal;
            installment.PaidInterest += interest;
            installment.PaidPrincipal += principal;
            if (interest + principal > 0)
            {
                allocations.Add(new InstallmentAllocation(installment.Number, interest, principal));
            }

            // Settled now: by this payment, or by a payoff waiving what was left of its interest.
            if (owedBefore[k] && installment.Remaining == 0)
            {
                installment.PaidOn = paidOn;
            }
        }

        return allocations.ToImmutable();
    }

    private static ImmutableArray<DistributionLine> Distribute(ServicingState state, decimal principal, decimal interest)
    {
        var weights = state.Lenders.ConvertAll(l => Distribution.ToCents(l.Contribution));
        var principals = Distribution.Split(weights, state.Lenders.ConvertAll(l => Distribution.ToCents(l.PrincipalReceived)), principal);
        var interests = Distribution.Split(weights, state.Lenders.ConvertAll(l => Distribution.ToCents(l.InterestReceived)), interest);
        var lines = ImmutableArray.CreateBuilder<DistributionLine>(state.Lenders.Count);
        for (var i = 0; i < state.Lenders.Count; i++)
        {
            var lender = state.Lenders[i];
            lender.PrincipalReceived += principals[i];
            lender.InterestReceived += interests[i];
            lines.Add(new DistributionLine(lender.ParticipantId, lender.LenderId, principals[i], interests[i], principals[i] + interests[i]));
        }

        return lines.MoveToImmutable();
    }
}
