using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Loans;

namespace PrivateLending.Api.Records;

/// <summary>Example values for the record operations in the OpenAPI document.</summary>
internal static class RecordExamples
{
    public static readonly PageResponse<LoanHistoryEntryResponse> History = new(
        [
            new LoanHistoryEntryResponse(1, LoanExamples.CreatedAt, LoanExamples.BorrowerId, "loan.created",
                [new FieldChangeResponse("amount", null, "25000"), new FieldChangeResponse("status", null, "PENDING")], null),
            new LoanHistoryEntryResponse(2, LoanExamples.CreatedAt.AddHours(1), LoanExamples.BorrowerId, "loan.cancelled",
                [new FieldChangeResponse("status", "PENDING", "CANCELLED")], "Found another lender"),
        ],
        2, false, null);

    public static readonly PageResponse<FundingPointResponse> Funding = new(
        [new FundingPointResponse(LoanExamples.CreatedAt, 1, 10_000m, 0m, 0m, 1, 0, 0)], 1, false, null);
}
