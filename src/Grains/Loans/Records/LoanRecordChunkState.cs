using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Records;

/// <summary>One sealed chunk of a loan's history or funding series (one of the lists is used).</summary>
[GenerateSerializer, Alias("PrivateLending.LoanRecordChunkState")]
public sealed class LoanRecordChunkState
{
    [Id(0)] public List<LoanHistoryEntry> History { get; set; } = [];
    [Id(1)] public List<FundingPoint> Funding { get; set; } = [];
}
