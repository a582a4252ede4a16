namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>Figures computed from a loan's participants; never stored, always derived.</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.FundingFigures")]
public sealed record FundingFigures(
    [property: Id(0)] decimal TotalInvited,
    [property: Id(1)] decimal TotalFunded,
    [property: Id(2)] decimal FundingPercentage,
    [property: Id(3)] int ParticipantCount,
    [property: Id(4)] int AcceptedParticipantCount,
    [property: Id(5)] int PendingParticipantCount,
    [property: Id(6)] bool IsFullyFunded,
    [property: Id(7)] decimal? AverageContribution,
    [property: Id(8)] decimal? LargestContribution,
    [property: Id(9)] decimal? SmallestContribution,
    [property: Id(10)] DateTimeOffset? LastFundingUpdate);
