namespace PrivateLending.Grains.Abstractions.Servicing;

/// <summary>One accepted lender's share of one repayment, to the cent.</summary>
/// <param name="ParticipantId">The lender's participation in the loan (ties in rounding go to the lower id).</param>
/// <param name="LenderId">The lender's account, when linked.</param>
/// <param name="Principal">The lender's share of the repayment's principal.</param>
/// <param name="Interest">The lender's share of the repayment's interest.</param>
/// <param name="Amount">Principal plus interest.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.DistributionLine")]
public sealed record DistributionLine(
    [property: Id(0)] Guid ParticipantId,
    [property: Id(1)] Guid? LenderId,
    [property: Id(2)] decimal Principal,
    [property: Id(3)] decimal Interest,
    [property: Id(4)] decimal Amount);
