using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Loans;
using PrivateLending.Api.Records;

namespace PrivateLending.Api.Audit;

/// <summary>Example values for the audit operation in the OpenAPI document.</summary>
internal static class AuditExamples
{
    public static readonly PageResponse<AuditEntryResponse> Page = new(
        [
            new AuditEntryResponse($"loan-{LoanExamples.LoanId:N}-v2", LoanExamples.CreatedAt.AddHours(1), LoanExamples.BorrowerId,
                "loan.terms_changed", "loan", LoanExamples.LoanId.ToString(),
                [new FieldChangeResponse("amount", "25000", "30000")],
                "203.0.113.7", "Mozilla/5.0", "0199a3c4e5f67b8c9d0e1f2a3b4c5d6e", "client-trace-42"),
        ],
        1, true, "CfDJ8Ab3example");

    public const string Csv =
        "id,time,actor_id,action,record_type,record_id,changes,client_ip,user_agent,request_id,client_request_id\r\n"
        + "loan.terms_changed-0b9e…-v2,2026-01-15T10:00:00.0000000Z,7f1c…,loan.terms_changed,loan,0b9e…,"
        + "\"[{\"\"field\"\":\"\"amount\"\",\"\"before\"\":\"\"25000\"\",\"\"after\"\":\"\"30000\"\"}]\",203.0.113.7,Mozilla/5.0,0199a3c4…,client-trace-42\r\n";
}
