using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Loans.Records;

/// <summary>A sealed chunk of a loan's records: written once (again only if a sealing loan write failed), then only read.</summary>
internal sealed class LoanRecordChunkGrain(
    [PersistentState("records", StorageNames.Loans)] IPersistentState<LoanRecordChunkState> state) : Grain, ILoanRecordChunkGrain
{
    private readonly StateWriter<LoanRecordChunkState> _writer = new(state);

    public Task SealHistoryAsync(ImmutableArray<LoanHistoryEntry> entries) =>
        state.State.History.Select(e => e.Version).SequenceEqual(entries.Select(e => e.Version))
            ? Task.CompletedTask
            : _writer.CommitAsync(this, new LoanRecordChunkState { History = [.. entries] });

    public Task SealFundingAsync(ImmutableArray<FundingPoint> points) =>
        state.State.Funding.Select(e => e.Version).SequenceEqual(points.Select(e => e.Version))
            ? Task.CompletedTask
            : _writer.CommitAsync(this, new LoanRecordChunkState { Funding = [.. points] });

    public Task SealRepaymentsAsync(ImmutableArray<RepaymentResult> repayments) =>
        state.State.Repayments.Select(r => r.Sequence).SequenceEqual(repayments.Select(r => r.Sequence))
            ? Task.CompletedTask
            : _writer.CommitAsync(this, new LoanRecordChunkState { Repayments = [.. repayments] });

    public Task<ImmutableArray<LoanHistoryEntry>> ReadHistoryAsync() => Task.FromResult<ImmutableArray<LoanHistoryEntry>>([.. state.State.History]);

    public Task<ImmutableArray<FundingPoint>> ReadFundingAsync() => Task.FromResult<ImmutableArray<FundingPoint>>([.. state.State.Funding]);

    public Task<ImmutableArray<RepaymentResult>> ReadRepaymentsAsync() => Task.FromResult<ImmutableArray<RepaymentResult>>([.. state.State.Repayments]);
}
