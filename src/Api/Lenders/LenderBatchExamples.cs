using PrivateLending.Api.Loans;

namespace PrivateLending.Api.Lenders;

/// <summary>Example values for the batch invitation in the OpenAPI document.</summary>
internal static class LenderBatchExamples
{
    public static readonly AddLendersBatchRequest Request = new(
        [new LenderInviteRequest("lena@example.com", 10_000m), new LenderInviteRequest("lena@example.com", 5_000m)]);

    public static readonly LenderBatchResponse Response = new(
        LoanExamples.LoanId, 2,
        [
            new LenderBatchResultResponse(0, "created", LoanExamples.Participant, null, null, null),
            new LenderBatchResultResponse(1, "failed", null, "DUPLICATE_LENDER", "lena@example.com is already invited to this loan.", null),
        ],
        new LenderBatchSummaryResponse(2, 1, 1),
        LoanExamples.Funding);
}
