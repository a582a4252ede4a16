using System.Text.Json.Serialization;

namespace PrivateLending.Grains.Servicing;

/// <summary>
/// A disbursed loan's repayment state as stored (the hot state). Its size is bounded by the loan's limits, not by
/// how many repayments it gets: at most 480 installments and 100 lender positions (running totals, never lines).
/// Each repayment's lines live in its <see cref="Abstractions.Servicing.RepaymentResult"/>, a record kept elsewhere;
/// only a compact receipt per repayment stays here, to make replays harmless. Plain settable properties because
/// the storage provider writes it as JSON. Commands change a <see cref="Clone"/> and swap it in after the write.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.ServicingState")]
public sealed class ServicingState
{
    [Id(0)] public Guid LoanId { get; set; }
    [Id(1)] public decimal Amount { get; set; }

    /// <summary>Yearly, in percent (6.0 is 6 %).</summary>
    [Id(2)] public decimal InterestRate { get; set; }

    [Id(3)] public int TermMonths { get; set; }
    [Id(4)] public DateOnly DisbursedOn { get; set; }

    /// <summary>The regular monthly amount, rounded to the cent.</summary>
    [Id(5)] public decimal InstallmentAmount { get; set; }

    /// <summary>First due first; one per month of the term.</summary>
    [Id(6)] public List<InstallmentState> Installments { get; set; } = [];

    /// <summary>Accepted lenders by participant id (ascending: the order ties in rounding are broken in).</summary>
    [Id(7)] public List<LenderPosition> Lenders { get; set; } = [];

    /// <summary>One per applied repayment, oldest first; a receipt's position is its sequence number minus one.</summary>
    [Id(8)] public List<RepaymentReceipt> Receipts { get; set; } = [];

    /// <summary>A copy whose lists and items can change without touching this one.</summary>
    public ServicingState Clone()
    {
        var copy = (ServicingState)MemberwiseClone();
        copy.Installments = Installments.ConvertAll(i => i.Clone());
        copy.Lenders = Lenders.ConvertAll(l => l.Clone());
        copy.Receipts = [.. Receipts]; // receipts are never changed, only added
        return copy;
    }
}

/// <summary>One installment: what the schedule asks and what has been paid against it.</summary>
[GenerateSerializer, Alias("PrivateLending.InstallmentState")]
public sealed class InstallmentState
{
    [Id(0)] public int Number { get; set; }
    [Id(1)] public DateOnly DueDate { get; set; }
    [Id(2)] public decimal Principal { get; set; }

    /// <summary>As scheduled; <see cref="WaivedInterest"/> is taken off it by an early payoff.</summary>
    [Id(3)] public decimal Interest { get; set; }

    [Id(4)] public decimal PaidPrincipal { get; set; }
    [Id(5)] public decimal PaidInterest { get; set; }
    // Zero and null are left out of the stored JSON (read back as the defaults): 480 installments make every byte count.
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(6)] public decimal WaivedInterest { get; set; }

    /// <summary>The payment date of the repayment that left nothing to pay on it.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(7)] public DateOnly? PaidOn { get; set; }

    // Computed members are not stored.

    /// <summary>Interest actually charged: scheduled less waived.</summary>
    [JsonIgnore] public decimal ChargedInterest => Interest - WaivedInterest;

    [JsonIgnore] public decimal UnpaidInterest => ChargedInterest - PaidInterest;
    [JsonIgnore] public decimal UnpaidPrincipal => Principal - PaidPrincipal;
    [JsonIgnore] public decimal Remaining => UnpaidInterest + UnpaidPrincipal;

    public InstallmentState Clone() => (InstallmentState)MemberwiseClone();
}

/// <summary>One accepted lender's contribution and running totals received, in place of per-repayment lines.</summary>
[GenerateSerializer, Alias("PrivateLending.LenderPosition")]
public sealed class LenderPosition
{
    [Id(0)] public Guid ParticipantId { get; set; }
    [Id(1)] public Guid? LenderId { get; set; }
    [Id(2)] public decimal Contribution { get; set; }
    [Id(3)] public decimal PrincipalReceived { get; set; }
    [Id(4)] public decimal InterestReceived { get; set; }

    public LenderPosition Clone() => (LenderPosition)MemberwiseClone();
}

/// <summary>What a repayment was, so a replay with the same id is recognised (and one with a different body refused).</summary>
[GenerateSerializer, Alias("PrivateLending.RepaymentReceipt")]
public sealed class RepaymentReceipt
{
    [Id(0)] public Guid RepaymentId { get; set; }
    [Id(1)] public decimal Amount { get; set; }
    [Id(2)] public DateOnly PaidOn { get; set; }
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(3)] public bool Payoff { get; set; }
}
