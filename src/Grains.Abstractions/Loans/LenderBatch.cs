using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>What a batch add did: one result per lender in request order, the loan's version and figures right after.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LenderBatch")]
public sealed record LenderBatch(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] long Version,
    [property: Id(2)] ImmutableArray<LenderBatchItem> Results,
    [property: Id(3)] FundingFigures Funding);
