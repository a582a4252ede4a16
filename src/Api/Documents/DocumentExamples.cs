using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Loans;

namespace PrivateLending.Api.Documents;

/// <summary>Example values for the document operations in the OpenAPI document.</summary>
internal static class DocumentExamples
{
    public static readonly DocumentResponse Document = new(
        Guid.Parse("0193a1c0-0000-7111-8222-333344445555"), LoanExamples.LoanId, "bank_statement", "March statement", "statement-2026-03.pdf",
        "application/pdf", 182_344, "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
        new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero), Guid.Parse("0193a1b0-aaaa-7bbb-8ccc-ddddeeeeffff"));

    public static readonly PageResponse<DocumentResponse> Documents = new([Document], 1, false, null);
}
