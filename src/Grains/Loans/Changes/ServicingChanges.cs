using System.Globalization;
using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Loans.Changes;

// Servicing news concerns every lender still in. Live consumers see them as updates (their names are in the
// event's list): the live kinds belong to the funding dashboard, which has no servicing view yet.

/// <summary>The borrower recorded the disbursement: the loan is ACTIVE with its schedule.</summary>
internal sealed record LoanDisbursed : LoanChange
{
    public override string Name => LoanEvents.LoanDisbursed;

    public override bool ConcernsLenders => true;

    public override bool MovesEveryIndexEntry => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        LoanFunded.StatusFrom(LoanStatus.Funded, after, fields);
        var servicing = after.Servicing!;
        fields.Add("disbursed_on", null, ServicingText.Date(servicing.DisbursedOn));
        fields.Add("installment_amount", null, ChangedFields.Text(servicing.InstallmentAmount));
        fields.Add("first_due_date", null, ServicingText.Date(servicing.Installments[0].DueDate));
    }
}

/// <summary>A repayment was applied; its full record (every lender's line) is kept with the loan's repayments.</summary>
internal sealed record RepaymentReceived(RepaymentResult Repayment) : LoanChange
{
    public override string Name => LoanEvents.RepaymentReceived;

    public override bool ConcernsLenders => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        fields.Add("repayment_id", null, Repayment.RepaymentId.ToString());
        fields.Add("amount", null, ChangedFields.Text(Repayment.Amount));
        fields.Add("paid_on", null, ServicingText.Date(Repayment.PaidOn));
        fields.Add("principal", null, ChangedFields.Text(Repayment.Principal));
        fields.Add("interest", null, ChangedFields.Text(Repayment.Interest));
        fields.Add("outstanding_principal", ChangedFields.Text(Repayment.OutstandingPrincipal + Repayment.Principal),
            ChangedFields.Text(Repayment.OutstandingPrincipal));
    }
}

/// <summary>
/// Installments still unpaid when their grace period ended (noticed by a command, a read or the daily reminder): one
/// change for all those noticed at once, so its audit entry and webhook event (identified by name, loan and version)
/// stay one each; usually a single installment, several when a disbursement is recorded long after the fact.
/// </summary>
internal sealed record InstallmentLate(IReadOnlyList<(int Number, InstallmentStatus Before)> Installments) : LoanChange
{
    public override string Name => LoanEvents.InstallmentLate;

    public override bool ConcernsLenders => true;

    public override bool BySystem => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        foreach (var (number, before) in Installments)
        {
            fields.Add($"installments[{number.ToString(CultureInfo.InvariantCulture)}].status",
                ServicingText.Status(before), ServicingText.Status(InstallmentStatus.Late));
        }
    }
}

/// <summary>An installment stayed unpaid the default threshold's days past due.</summary>
internal sealed record LoanDefaulted(int DaysPastDue) : LoanChange
{
    public override string Name => LoanEvents.LoanDefaulted;

    public override bool ConcernsLenders => true;

    public override bool MovesEveryIndexEntry => true;

    public override bool BySystem => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields)
    {
        LoanFunded.StatusFrom(LoanStatus.Active, after, fields);
        fields.Add("days_past_due", null, DaysPastDue.ToString(CultureInfo.InvariantCulture));
    }
}

/// <summary>A repayment left nothing to pay.</summary>
internal sealed record LoanCompleted(LoanStatus Before) : LoanChange
{
    public override string Name => LoanEvents.LoanCompleted;

    public override bool ConcernsLenders => true;

    public override bool MovesEveryIndexEntry => true;

    public override FundingChange Live => FundingChange.Updated;

    public override void Describe(LoanState after, ChangedFields fields) => LoanFunded.StatusFrom(Before, after, fields);
}

/// <summary>Servicing values as history text: ISO dates, statuses as the API writes them.</summary>
internal static class ServicingText
{
    public static string Date(DateOnly value) => value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Status(InstallmentStatus status) => status switch
    {
        InstallmentStatus.PartiallyPaid => "PARTIALLY_PAID",
        _ => status.ToString().ToUpperInvariant(),
    };
}
