using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Api.Loans;

/// <summary>Example values for the loan operations in the OpenAPI document, typed so they cannot drift from the contract.</summary>
internal static class LoanExamples
{
    public static readonly Guid LoanId = Guid.Parse("0193a1b2-7c4d-7e8f-9a0b-1c2d3e4f5a6b");
    public static readonly Guid BorrowerId = Guid.Parse("0193a1b0-1111-7222-8333-444455556666");
    public static readonly Guid LenderId = Guid.Parse("0193a1b1-aaaa-7bbb-8ccc-ddddeeeeffff");
    public static readonly Guid ParticipantId = Guid.Parse("0193a1b3-0000-7111-8222-333344445555");
    public static readonly DateTimeOffset CreatedAt = new(2026, 3, 2, 9, 30, 0, TimeSpan.Zero);

    public static readonly CreateLoanRequest Create = new(25_000m, 6.5m, 36, "Kitchen renovation", null);

    public static readonly UpdateLoanRequest Update = new(null, null, null, "Kitchen and bathroom renovation");

    public static readonly CancelLoanRequest Cancel = new("Found other financing.");

    public static readonly ParticipantResponse Participant = new(
        ParticipantId, LoanId, "lena@example.com", LenderId, "Lena Lender", 10_000m, ParticipantStatus.Pending,
        CreatedAt, null, null);

    public static readonly FundingResponse Funding = new(10_000m, 0m, 0m, 1, 0, 1, false, 10_000m, 10_000m, 10_000m, null);

    public static readonly LoanResponse Loan = new(
        LoanId, BorrowerId, "Bea Borrower", 25_000m, 6.5m, 36, "Kitchen renovation", LoanStatus.Pending, 2,
        [Participant], Funding, CreatedAt, BorrowerId,
        CreatedAt.AddMinutes(5), BorrowerId, null, null, null, CreatedAt.AddDays(LoanLimits.DefaultFundingDays))
    {
        TermsVersion = 1,
    };

    public static readonly PageResponse<LoanResponse> Page = new([Loan], 1, true, "CfDJ8N3x…");
}
