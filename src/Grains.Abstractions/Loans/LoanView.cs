using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// A loan with its participants and computed funding figures (and, once disbursed, its repayment figures), as clients
/// see it. <see cref="TermsVersion"/> moves only when the terms change (an acceptance names it); <see cref="Version"/> with every change.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.LoanView")]
public sealed record LoanView(
    [property: Id(0)] Guid LoanId,
    [property: Id(1)] Guid BorrowerId,
    [property: Id(2)] string BorrowerName,
    [property: Id(3)] LoanTerms Terms,
    [property: Id(4)] LoanStatus Status,
    [property: Id(5)] long Version,
    [property: Id(6)] ImmutableArray<ParticipantView> Participants,
    [property: Id(7)] FundingFigures Funding,
    [property: Id(8)] RecordAudit Audit,
    [property: Id(9)] DateTimeOffset? FundingDeadline = null,
    [property: Id(10)] LoanServicingFigures? Servicing = null,
    [property: Id(11)] long TermsVersion = 0);
