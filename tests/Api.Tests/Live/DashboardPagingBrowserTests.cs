using System.Net;
using Microsoft.Playwright;
using PrivateLending.Api.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateLending.Api.Tests.Live;

/// <summary>
/// The dashboard page past its first page, in the system's Chromium: a borrower with more loans than one page holds
/// sees a count, presses "Load more" and then sees every loan, the last one created included.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class DashboardPagingBrowserTests(ApiFixture fixture)
{
    /// <summary>More than the page's 100 per request, so the listing takes two pages.</summary>
    private const int LoanCount = 120;

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Dashboard_MoreLoansThanOnePage_LoadMoreShowsEveryLoan()
    {
        var borrower = await Api.NewUserAsync("Pat Pages");
        // A few at a time: quick, without queueing a hundred requests on the test cluster at once.
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(1, LoanCount).Select(async number =>
        {
            await gate.WaitAsync();
            try
            {
                var body = TestApi.LoanBody();
                body["purpose"] = $"Paged loan {number:D3}";
                var created = await Api.PostAsync("/api/v1/loans", body, borrower.Token);
                Assert.Equal(HttpStatusCode.Created, created.Status);
            }
            finally
            {
                gate.Release();
            }
        }));

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        await page.SignInAsync(fixture.Api.BaseAddress, borrower);

        var section = page.Locator("#loans");
        var count = section.Locator("#loans-count");
        var more = section.GetByRole(AriaRole.Button, new() { Name = "Load more loans" });
        var cards = section.Locator("li.loan");
        await Expect(count).ToHaveTextAsync("Showing 100 · more to load", new() { Timeout = 10_000 });
        await Expect(cards).ToHaveCountAsync(100);
        // The live stream's first refresh may land just after a click and drop that page; pressing again is what a person does.
        for (var press = 0; press < 3 && await count.TextContentAsync() != $"Showing {LoanCount}"; press++)
        {
            if (await more.IsVisibleAsync() && await more.IsEnabledAsync())
            {
                await more.ClickAsync();
            }

            try
            {
                await Expect(count).ToHaveTextAsync($"Showing {LoanCount}", new() { Timeout = 5_000 });
            }
            catch (PlaywrightException)
            {
                // Not yet: press again.
            }
        }

        await Expect(count).ToHaveTextAsync($"Showing {LoanCount}");
        await Expect(cards).ToHaveCountAsync(LoanCount);
        await Expect(more).ToBeHiddenAsync();
        await Expect(cards.Filter(new() { HasText = $"Paged loan {LoanCount:D3}" })).ToHaveCountAsync(1);
        await Expect(cards.Filter(new() { HasText = "Paged loan 001" })).ToHaveCountAsync(1);
        Assert.Empty(pageErrors);
    }
}
