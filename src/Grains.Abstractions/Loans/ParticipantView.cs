namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>One lender's participation in a loan, as clients see it (bank details masked).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.ParticipantView")]
public sealed record ParticipantView(
    [property: Id(0)] Guid ParticipantId,
    [property: Id(1)] Guid LoanId,
    [property: Id(2)] string LenderEmail,
    [property: Id(3)] Guid? LenderId,
    [property: Id(4)] string? LenderName,
    [property: Id(5)] decimal ContributionAmount,
    [property: Id(6)] ParticipantStatus Status,
    [property: Id(7)] DateTimeOffset InvitedAt,
    [property: Id(8)] DateTimeOffset? RespondedAt,
    [property: Id(9)] MaskedAch? Ach,
    [property: Id(10)] long? AcceptedVersion = null);
