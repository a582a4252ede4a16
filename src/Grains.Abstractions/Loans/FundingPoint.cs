namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>The loan's funding right after one change that moved it: totals, percentage and participants by status.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.FundingPoint")]
public sealed record FundingPoint(
    [property: Id(0)] DateTimeOffset At,
    [property: Id(1)] long Version,
    [property: Id(2)] decimal TotalInvited,
    [property: Id(3)] decimal TotalFunded,
    [property: Id(4)] decimal FundingPercentage,
    [property: Id(5)] int PendingCount,
    [property: Id(6)] int AcceptedCount,
    [property: Id(7)] int DeclinedCount);
