using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// A batch's idempotency receipt: the created participants' ids (as for a single add) plus each refusal, so a
/// replay answers the same results in the same order without re-checking anything.
/// </summary>
internal static class LoanBatchReceipts
{
    public static CommandRecord Of(LenderBatch batch) => new()
    {
        Added = [.. batch.Results.Where(r => r.Participant is not null).Select(r => r.Participant!.ParticipantId)],
        Failures = [.. batch.Results.Where(r => r.Participant is null).Select(r => new BatchFailure
        {
            Index = r.Index,
            Code = r.Code ?? DomainErrorCode.Validation,
            Message = r.Message ?? "",
            Errors = r.Errors?.ToDictionary(e => e.Key, e => e.Value),
        })],
        Version = batch.Version,
        Funding = batch.Funding,
    };

    public static LenderBatch Replay(LoanState loan, CommandRecord receipt)
    {
        var addition = LoanReceipts.Addition(loan, receipt);
        var failures = (receipt.Failures ?? []).ToDictionary(f => f.Index);
        var total = addition.Added.Length + failures.Count;
        var created = addition.Added.GetEnumerator();
        var results = new List<LenderBatchItem>(total);
        for (var i = 0; i < total; i++)
        {
            if (failures.TryGetValue(i, out var f))
            {
                results.Add(LoanBatch.Failed(i, new DomainException(f.Code, f.Message, f.Errors)));
            }
            else
            {
                created.MoveNext();
                results.Add(new LenderBatchItem(i, created.Current, null, null, null));
            }
        }

        return new LenderBatch(loan.LoanId, receipt.Version, [.. results], addition.Funding);
    }
}

/// <summary>One refused lender of a batch, kept in its receipt.</summary>
[GenerateSerializer, Alias("PrivateLending.BatchFailure")]
public sealed class BatchFailure
{
    [Id(0)] public int Index { get; set; }
    [Id(1)] public DomainErrorCode Code { get; set; }
    [Id(2)] public string Message { get; set; } = "";
    [Id(3)] public Dictionary<string, string[]>? Errors { get; set; }
}
