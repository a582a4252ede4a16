using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Live;

/// <summary>Data the live tests share.</summary>
internal static class LiveTestData
{
    /// <summary>A borrower's loan with one invited lender who has an account, once the loan has linked that account.</summary>
    public static async Task<(TestUser Borrower, TestUser Lender, JsonNode Loan)> LoanWithLenderAsync(TestApi api)
    {
        var borrower = await api.NewUserAsync("Watching Borrower");
        var lender = await api.NewUserAsync("Accepting Lender");
        var loan = await api.CreateLoanAsync(borrower, 1000m, (lender.Email, 600m));
        return (borrower, lender, await api.LinkedLoanAsync(borrower, loan));
    }
}
