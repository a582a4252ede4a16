namespace PrivateLending.Api.Records;

/// <summary>One version of a loan: who made it, when, what kind of change, the fields it changed, and why (cancel).</summary>
public sealed record LoanHistoryEntryResponse(
    long Version,
    DateTimeOffset Time,
    Guid ActorId,
    string Action,
    IReadOnlyList<FieldChangeResponse> Changes,
    string? Reason);

/// <summary>One changed field with its value before and after, as text (null: absent).</summary>
public sealed record FieldChangeResponse(string Field, string? Before, string? After);

/// <summary>The loan's funding right after one change that moved it.</summary>
public sealed record FundingPointResponse(
    DateTimeOffset Time,
    long Version,
    decimal TotalInvited,
    decimal TotalFunded,
    decimal FundingPercentage,
    int PendingParticipantCount,
    int AcceptedParticipantCount,
    int DeclinedParticipantCount);
