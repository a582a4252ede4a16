using PrivateLending.Api.Loans;

namespace PrivateLending.Api.Live;

/// <summary>OpenAPI examples of the live endpoints: event streams as a client reads them (loan bodies shortened).</summary>
internal static class LiveExamples
{
    private const string AgreementDocumentId = "5b0c1e2a-7d3f-4e8a-9c61-2f4b8d0a6e13";

    public static readonly string LoanStream =
        $"event: snapshot\nid: 3\ndata: {{\"loan_id\":\"{LoanExamples.LoanId}\",\"version\":3,\"loan\":{{…}}}}\n\n"
        + ": heartbeat\n\n"
        + $"event: funding\nid: 4\ndata: {{\"loan_id\":\"{LoanExamples.LoanId}\",\"version\":4,\"change\":\"PARTICIPANT_ACCEPTED\","
        + $"\"participant_ids\":[\"{LoanExamples.ParticipantId}\"],\"at\":\"2026-03-02T10:15:00+00:00\",\"role\":\"BORROWER\",\"loan\":{{…}}}}\n\n"
        + $"event: notice\ndata: {{\"loan_id\":\"{LoanExamples.LoanId}\",\"version\":4,\"events\":[\"agreement.generated\"],"
        + $"\"document_id\":\"{AgreementDocumentId}\",\"at\":\"2026-03-02T10:15:01+00:00\",\"role\":\"BORROWER\"}}\n\n";

    public static readonly string MyStream =
        $"event: ready\ndata: {{\"user_id\":\"{LoanExamples.BorrowerId}\",\"at\":\"2026-03-02T10:00:00+00:00\"}}\n\n"
        + $"event: funding\nid: 4\ndata: {{\"loan_id\":\"{LoanExamples.LoanId}\",\"version\":4,\"change\":\"PARTICIPANT_ACCEPTED\","
        + $"\"participant_ids\":[\"{LoanExamples.ParticipantId}\"],\"at\":\"2026-03-02T10:15:00+00:00\",\"role\":\"BORROWER\",\"loan\":{{…}}}}\n\n";

    public static readonly EventsTicketResponse Ticket = new(
        "CfDJ8Kx…", new DateTimeOffset(2026, 3, 2, 10, 1, 0, TimeSpan.Zero), 60);
}
