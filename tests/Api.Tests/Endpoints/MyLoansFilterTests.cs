using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

/// <summary>GET /me/loans?status=…: the default list leaves cancelled (soft-deleted) loans out; a status asks for exactly those.</summary>
[Collection(SharedApi.Name)]
public sealed class MyLoansFilterTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task ListMyLoans_AfterCancel_CancelledLoanLeavesDefaultList()
    {
        var borrower = await Api.NewUserAsync();
        var kept = await Api.CreateLoanAsync(borrower);
        var cancelled = await Api.CreateLoanAsync(borrower);
        var deleted = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{cancelled["loan_id"]}", borrower.Token,
            new JsonObject { ["reason"] = "No longer needed" });
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);

        var mine = await Api.GetAsync("/api/v1/me/loans", borrower.Token);

        Assert.Equal(HttpStatusCode.OK, mine.Status);
        Assert.Equal([kept["loan_id"]!.GetValue<string>()], Ids(mine));
    }

    [Fact]
    public async Task ListMyLoans_StatusCancelled_OnlyCancelledLoans()
    {
        var borrower = await Api.NewUserAsync();
        await Api.CreateLoanAsync(borrower);
        var cancelled = await Api.CreateLoanAsync(borrower);
        await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{cancelled["loan_id"]}", borrower.Token,
            new JsonObject { ["reason"] = "No longer needed" });

        var onlyCancelled = await Api.GetAsync("/api/v1/me/loans?status=CANCELLED", borrower.Token);
        var pending = await Api.GetAsync("/api/v1/me/loans?status=pending", borrower.Token);
        var several = await Api.GetAsync("/api/v1/me/loans?status=PENDING,CANCELLED", borrower.Token);

        Assert.Equal([cancelled["loan_id"]!.GetValue<string>()], Ids(onlyCancelled));
        Assert.Equal("CANCELLED", onlyCancelled.Json["data"]![0]!["status"]!.GetValue<string>());
        Assert.Single(Ids(pending));
        Assert.NotEqual(cancelled["loan_id"]!.GetValue<string>(), Ids(pending)[0]);
        Assert.Equal(2, Ids(several).Count);
    }

    [Fact]
    public async Task ListMyLoans_StatusFilter_PagesStayFilteredAcrossTokens()
    {
        var borrower = await Api.NewUserAsync();
        var created = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            var loan = await Api.CreateLoanAsync(borrower);
            created.Add(loan["loan_id"]!.GetValue<string>());
            if (i % 2 == 1)
            {
                await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{created[^1]}", borrower.Token,
                    new JsonObject { ["reason"] = "No longer needed" });
            }
        }

        var seen = new List<string>();
        string? token = null;
        do
        {
            var path = "/api/v1/me/loans?limit=1" + (token is null ? "" : "&next_token=" + Uri.EscapeDataString(token));
            var page = await Api.GetAsync(path, borrower.Token);
            seen.AddRange(Ids(page));
            token = page.Json["next_token"]?.GetValue<string>();
        }
        while (token is not null);

        Assert.Equal([created[4], created[2], created[0]], seen);
    }

    [Theory]
    [InlineData("OPEN")]
    [InlineData("PENDING,")]
    [InlineData("1")]
    public async Task ListMyLoans_UnknownStatus_400NamingStatus(string status)
    {
        var borrower = await Api.NewUserAsync();

        var response = await Api.GetAsync($"/api/v1/me/loans?status={Uri.EscapeDataString(status)}", borrower.Token);

        ProblemAssert.HasFieldError(response, "status");
    }

    private static List<string> Ids(ApiResponse page) =>
        [.. page.Json["data"]!.AsArray().Select(l => l!["loan_id"]!.GetValue<string>())];
}
