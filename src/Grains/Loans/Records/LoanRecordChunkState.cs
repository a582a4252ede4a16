using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Grains.Loans.Records;

/// <summary>One sealed chunk of a loan's history, funding series or repayments (one of the lists is used).</summary>
[GenerateSerializer, Alias("PrivateLending.LoanRecordChunkState")]
public sealed class LoanRecordChunkState
{
    [Id(0)] public List<LoanHistoryEntry> History { get; set; } = [];
    [Id(1)] public List<FundingPoint> Funding { get; set; } = [];
    [Id(2)] public List<RepaymentResult> Repayments { get; set; } = [];
}
