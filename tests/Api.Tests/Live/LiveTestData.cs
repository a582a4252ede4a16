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
        // The invited email has an account, so the loan links it right after creation (one more version):
        // wait for that, so each test starts from a settled version.
        var path = $"/api/v1/loans/{loan["loan_id"]}";
        var current = loan;
        for (var i = 0; i < 100 && current["participants"]![0]!["lender_id"] is null; i++)
        {
            await Task.Delay(20);
            current = (await api.GetAsync(path, borrower.Token)).Json;
        }

        Assert.NotNull(current["participants"]![0]!["lender_id"]);
        return (borrower, lender, current);
    }
}
