using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;

namespace PrivateLending.Api.Tests.Infrastructure;

/// <summary>Bodies and steps the servicing tests share: a funded loan, disbursement and repayment bodies, dates as the API writes them.</summary>
public static class ServicingSteps
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public static string Date(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static JsonObject Disbursement(DateOnly day) => new() { ["disbursed_on"] = Date(day) };

    public static JsonObject Repayment(decimal amount, DateOnly paidOn, string? reference = null, bool payoff = false) =>
        new() { ["amount"] = amount, ["paid_on"] = Date(paidOn), ["reference"] = reference, ["payoff"] = payoff };

    /// <summary>A 1,000 loan funded by two new lenders, 600 and 400, both accepted.</summary>
    public static async Task<(string LoanId, TestUser Borrower, TestUser[] Lenders)> FundedLoanAsync(TestApi api)
    {
        var borrower = await api.NewUserAsync("Borrower Bo");
        TestUser[] lenders = [await api.NewUserAsync("Lender One"), await api.NewUserAsync("Lender Two")];
        var loan = await api.CreateLoanAsync(borrower, 1000m, (lenders[0].Email, 600m), (lenders[1].Email, 400m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        for (var i = 0; i < lenders.Length; i++)
        {
            var participantId = loan["participants"]![i]!["participant_id"]!.GetValue<string>();
            var accepted = await api.PostAsync($"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(lenders[i].Name), lenders[i].Token);
            Assert.Equal(HttpStatusCode.OK, accepted.Status);
        }

        return (loanId, borrower, lenders);
    }
}
