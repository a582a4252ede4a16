namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>What one repayment paid against one installment.</summary>
/// <param name="Number">The installment's number (1 for the first).</param>
/// <param name="Interest">Interest of that installment paid by the repayment.</param>
/// <param name="Principal">Principal of that installment paid by the repayment.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.InstallmentAllocation")]
public sealed record InstallmentAllocation(
    [property: Id(0)] int Number,
    [property: Id(1)] decimal Interest,
    [property: Id(2)] decimal Principal);
