using PrivateLending.Api.Loans;

namespace PrivateLending.Api.Lenders;

/// <summary>Lenders to invite, each checked and added on its own.</summary>
public sealed record AddLendersBatchRequest(IReadOnlyList<LenderInviteRequest>? Lenders);

/// <summary>What a batch add did: one result per lender in request order, a summary, the loan's version and figures right after.</summary>
public sealed record LenderBatchResponse(
    Guid LoanId,
    long Version,
    IReadOnlyList<LenderBatchResultResponse> Results,
    LenderBatchSummaryResponse Summary,
    FundingResponse Funding);

/// <summary>
/// One lender of the batch: <c>status</c> is <c>created</c> (with <c>participant</c>) or <c>failed</c> (with the problem
/// <c>code</c>, <c>message</c> and, for field rules, <c>errors</c> keyed by the lender's place in the request).
/// </summary>
public sealed record LenderBatchResultResponse(
    int Index,
    string Status,
    ParticipantResponse? Participant,
    string? Code,
    string? Message,
    IReadOnlyDictionary<string, string[]>? Errors);

/// <summary>How many lenders were asked for, created and refused.</summary>
public sealed record LenderBatchSummaryResponse(int Total, int Succeeded, int Failed);
