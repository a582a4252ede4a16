using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Lenders;

/// <summary>
/// One participation in a lender's index. Keyed by <see cref="ParticipantId"/>: an upsert with the same id
/// replaces the entry, so re-sent updates never duplicate it. <see cref="LoanVersion"/> orders updates so a
/// late, older update cannot overwrite a newer one. <see cref="LoanStatus"/> is the loan's status at that version
/// (entries stored before it existed read as PENDING).
/// <see cref="PrincipalRepaid"/> and <see cref="InterestReceived"/> are the lender's running totals of the loan's
/// repayments at that version (0 before disbursement).
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.InvitationIndexEntry")]
public sealed record InvitationIndexEntry(
    [property: Id(0)] Guid ParticipantId,
    [property: Id(1)] Guid LoanId,
    [property: Id(2)] ParticipantStatus Status,
    [property: Id(3)] decimal ContributionAmount,
    [property: Id(4)] DateTimeOffset InvitedAt,
    [property: Id(5)] long LoanVersion,
    [property: Id(6)] LoanStatus LoanStatus = LoanStatus.Pending,
    [property: Id(7)] decimal PrincipalRepaid = 0m,
    [property: Id(8)] decimal InterestReceived = 0m);
