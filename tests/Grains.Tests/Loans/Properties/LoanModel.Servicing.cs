using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using static PrivateLending.Grains.Abstractions.Common.DomainErrorCode;

namespace PrivateLending.Grains.Tests.Loans.Properties;

/// <summary>
/// Servicing in the reference model: disbursement (never late: a sequence's clock stays within a few days of the first due date) and repayments of 1.00,
/// the payoff quote or far too much. The money itself is the servicing core's, property-tested on its own; here the
/// statuses, refusals and the changes each step records.
/// </summary>
internal sealed partial class LoanModel
{
    /// <summary>The day (from the harness's first) the loan was disbursed; null until then.</summary>
    public int? DisbursedDay { get; private set; }

    public DomainErrorCode? Disburse(DisburseStep step)
    {
        if (Borrower(step.By) is { } denied)
        {
            return denied;
        }

        if (step.Day > 0)
        {
            return Validation;
        }

        if (DisbursedDay is { } disbursed)
        {
            return disbursed == step.Day ? null : Conflict;
        }

        if (Status != LoanStatus.Funded)
        {
            return Conflict;
        }

        DisbursedDay = step.Day;
        Status = LoanStatus.Active;
        Changed(LoanEvents.LoanDisbursed);
        return null;
    }

    public DomainErrorCode? Repay(RepayStep step)
    {
        if (Borrower(step.By) is { } denied)
        {
            return denied;
        }

        if (DisbursedDay is null)
        {
            return Conflict;
        }

        if (Status == LoanStatus.Completed || step.Kind == RepayKind.Over)
        {
            return Overpayment;
        }

        if (step.Kind == RepayKind.Payoff)
        {
            Status = LoanStatus.Completed;
            Changed(LoanEvents.RepaymentReceived, LoanEvents.LoanCompleted);
            return null;
        }

        Changed(LoanEvents.RepaymentReceived);
        return null;
    }
}
