using System.Net;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Endpoints;

[Collection(SharedApi.Name)]
public sealed class PagingTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task MyLoans_45Loans_ThreePagesOf20_20_5NewestFirstWithoutDuplicates()
    {
        var borrower = await Api.NewUserAsync();
        var created = new List<string>();
        for (var i = 0; i < 45; i++)
        {
            created.Add((await Api.CreateLoanAsync(borrower, 100m + i))["loan_id"]!.GetValue<string>());
        }

        var seen = new List<string>();
        var counts = new List<int>();
        string? token = null;
        JsonNode page;
        do
        {
            var path = "/api/v1/me/loans?limit=20" + (token is null ? "" : "&next_token=" + Uri.EscapeDataString(token));
            var response = await Api.GetAsync(path, borrower.Token);
            Assert.Equal(HttpStatusCode.OK, response.Status);
            page = response.Json;
            var data = page["data"]!.AsArray();
            counts.Add(page["count"]!.GetValue<int>());
            Assert.Equal(data.Count, page["count"]!.GetValue<int>());
            seen.AddRange(data.Select(l => l!["loan_id"]!.GetValue<string>()));
            token = page["next_token"]?.GetValue<string>();
            Assert.Equal(token is not null, page["has_more"]!.GetValue<bool>());
        }
        while (token is not null);

        Assert.Equal([20, 20, 5], counts);
        Assert.False(page["has_more"]!.GetValue<bool>());
        Assert.Equal(45, seen.Distinct().Count());
        Assert.Equal(created.AsEnumerable().Reverse(), seen);
    }

    [Fact]
    public async Task MyLoans_DefaultLimit_Is20()
    {
        var borrower = await Api.NewUserAsync();
        for (var i = 0; i < 21; i++)
        {
            await Api.CreateLoanAsync(borrower);
        }

        var page = await Api.GetAsync("/api/v1/me/loans", borrower.Token);

        Assert.Equal(20, page.Json["count"]!.GetValue<int>());
        Assert.True(page.Json["has_more"]!.GetValue<bool>());
    }

    [Fact]
    public async Task MyLoans_TamperedOrForeignToken_Returns400InvalidPaginationToken()
    {
        var borrower = await Api.NewUserAsync();
        var other = await Api.NewUserAsync();
        await Api.CreateLoanAsync(borrower);
        await Api.CreateLoanAsync(borrower);
        var token = (await Api.GetAsync("/api/v1/me/loans?limit=1", borrower.Token)).Json["next_token"]!.GetValue<string>();
        var tampered = token[..^3] + (token[^3] == 'A' ? 'B' : 'A') + token[^2..];

        var afterTamper = await Api.GetAsync("/api/v1/me/loans?limit=1&next_token=" + tampered, borrower.Token);
        var otherUser = await Api.GetAsync("/api/v1/me/loans?limit=1&next_token=" + token, other.Token);
        var garbage = await Api.GetAsync("/api/v1/me/loans?next_token=%25%25not-base64", borrower.Token);
        var valid = await Api.GetAsync("/api/v1/me/loans?limit=1&next_token=" + token, borrower.Token);

        ProblemAssert.IsProblem(afterTamper, HttpStatusCode.BadRequest, "INVALID_PAGINATION_TOKEN");
        ProblemAssert.IsProblem(otherUser, HttpStatusCode.BadRequest, "INVALID_PAGINATION_TOKEN");
        ProblemAssert.IsProblem(garbage, HttpStatusCode.BadRequest, "INVALID_PAGINATION_TOKEN");
        Assert.Equal(HttpStatusCode.OK, valid.Status);
    }

    [Fact]
    public async Task Token_FromAnotherListing_Returns400InvalidPaginationToken()
    {
        var lender = await Api.NewUserAsync();
        for (var i = 0; i < 2; i++)
        {
            await Api.CreateLoanAsync(await Api.NewUserAsync(), 1000m, (lender.Email, 10m));
        }

        var token = (await Api.GetAsync("/api/v1/me/invitations?limit=1", lender.Token)).Json["next_token"]!.GetValue<string>();

        var onLoans = await Api.GetAsync("/api/v1/me/loans?next_token=" + token, lender.Token);
        var onOtherStatus = await Api.GetAsync("/api/v1/me/invitations?status=accepted&next_token=" + token, lender.Token);
        var onPortfolio = await Api.GetAsync("/api/v1/me/portfolio?next_token=" + token, lender.Token);
        var second = await Api.GetAsync("/api/v1/me/invitations?limit=1&next_token=" + token, lender.Token);

        ProblemAssert.IsProblem(onLoans, HttpStatusCode.BadRequest, "INVALID_PAGINATION_TOKEN");
        ProblemAssert.IsProblem(onOtherStatus, HttpStatusCode.BadRequest, "INVALID_PAGINATION_TOKEN");
        ProblemAssert.IsProblem(onPortfolio, HttpStatusCode.BadRequest, "INVALID_PAGINATION_TOKEN");
        Assert.Equal(HttpStatusCode.OK, second.Status);
        Assert.Equal(1, second.Json["count"]!.GetValue<int>());
        Assert.False(second.Json["has_more"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("/api/v1/me/loans?limit=0")]
    [InlineData("/api/v1/me/loans?limit=101")]
    [InlineData("/api/v1/me/invitations?limit=0")]
    [InlineData("/api/v1/me/portfolio?limit=101")]
    [InlineData("/api/v1/me/loans?limit=abc")]
    public async Task List_LimitOutOfRange_Returns400WithLimitError(string path)
    {
        var user = await Api.NewUserAsync();

        var response = await Api.GetAsync(path, user.Token);

        ProblemAssert.HasFieldError(response, "limit");
    }

    [Fact]
    public async Task Token_SealedByOneInstance_OpensOnAnother()
    {
        // Data-protection keys live in the cluster, so any API instance opens any instance's tokens.
        var borrower = await Api.NewUserAsync();
        await Api.CreateLoanAsync(borrower);
        await Api.CreateLoanAsync(borrower);
        var token = (await Api.GetAsync("/api/v1/me/loans?limit=1", borrower.Token)).Json["next_token"]!.GetValue<string>();
        await using var second = await fixture.StartApiAsync();

        var response = await new TestApi(second.Http).GetAsync("/api/v1/me/loans?limit=1&next_token=" + token, borrower.Token);

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Equal(1, response.Json["count"]!.GetValue<int>());
    }
}
