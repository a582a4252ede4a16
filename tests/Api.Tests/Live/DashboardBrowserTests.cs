using PrivateLending.TestSupport;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using PrivateLending.Api.Tests.Infrastructure;
using static Microsoft.Playwright.Assertions;

namespace PrivateLending.Api.Tests.Live;

/// <summary>
/// The live dashboard page in a real browser (the system's Chromium, driven by Playwright) against the API on a
/// real port: a borrower signs in through the page and creates a loan; a lender accepts through the API in
/// another session; the page's funding bar and figures follow without a reload.
/// </summary>
[Collection(SharedApi.Name)]
public sealed partial class DashboardBrowserTests(ApiFixture fixture)
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Dashboard_LenderAcceptsInAnotherSession_FundingBarUpdatesWithoutReload()
    {
        var borrower = await Api.NewUserAsync("Bea Browser");
        var lender = await Api.NewUserAsync("Lou Lender");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        await SignInAsync(page, borrower);

        await page.GetByText("New loan").ClickAsync();
        await page.GetByLabel("Amount (USD)").FillAsync("1000");
        await page.GetByLabel("Interest rate (% a year)").FillAsync("6.5");
        await page.GetByLabel("Term (months)").FillAsync("24");
        await page.GetByLabel("Purpose").FillAsync("Solar panels");
        await page.GetByLabel("Lenders to invite, one per line: email, amount").FillAsync($"{lender.Email}, 600");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create loan" }).ClickAsync();

        var card = page.Locator("li.loan").Filter(new() { HasText = "Solar panels" });
        await Expect(card).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        var bar = card.GetByRole(AriaRole.Progressbar);
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "0");
        var loanId = await card.GetAttributeAsync("data-loan-id");
        Assert.NotNull(loanId);
        // Survives only as long as the document does: a reload would clear it.
        await page.EvaluateAsync("() => { window.__sameDocument = true; }");

        var loan = (await Api.GetAsync($"/api/v1/loans/{loanId}", borrower.Token)).Json;
        var participantId = loan["participants"]![0]!["participant_id"]!.GetValue<string>();
        var accepted = await Api.PostAsync(
            $"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(lender.Name), lender.Token);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);

        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "60", new() { Timeout = 2_000 });
        await Expect(card.GetByTestId("funding-figures")).ToContainTextAsync("$600.00 of $1,000.00 funded (60%)", new() { Timeout = 2_000 });
        Assert.True(await page.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page was reloaded.");
        Assert.Empty(pageErrors);

        Directory.CreateDirectory(Artifacts);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard.png"), FullPage = true });
        await page.SetViewportSizeAsync(390, 844);
        await page.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard-phone.png"), FullPage = true });
    }

    [Fact]
    public async Task Dashboard_BorrowerDisbursesAndRepays_LenderSeesTheirDistributionLive()
    {
        var borrower = await Api.NewUserAsync("Rita Repayer");
        var lender = await Api.NewUserAsync("Len Receiver");
        var loan = await Api.CreateLoanAsync(borrower, 1200m, (lender.Email, 1200m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var participantId = loan["participants"]![0]!["participant_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(
            $"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(lender.Name), lender.Token)).Status);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(playwright);
        var borrowerPage = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        var lenderPage = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 } });
        var pageErrors = new List<string>();
        borrowerPage.PageError += (_, error) => pageErrors.Add(error);
        lenderPage.PageError += (_, error) => pageErrors.Add(error);
        await SignInAsync(borrowerPage, borrower);
        await SignInAsync(lenderPage, lender);
        await Expect(lenderPage.Locator("#distributions-empty")).ToBeVisibleAsync(new() { Timeout = 10_000 });
        await lenderPage.EvaluateAsync("() => { window.__sameDocument = true; }");

        var card = borrowerPage.Locator($"li.loan[data-loan-id='{loanId}']");
        await card.GetByRole(AriaRole.Button, new() { Name = "Confirm disbursement" }).ClickAsync();
        var bar = card.GetByTestId("repayment-bar");
        await Expect(bar).ToHaveAttributeAsync("aria-valuenow", "0", new() { Timeout = 10_000 });
        await card.GetByText("Schedule").ClickAsync();
        await Expect(card.GetByTestId("schedule").Locator("tbody tr")).ToHaveCountAsync(36, new() { Timeout = 10_000 });

        // The amount field holds the next installment; recording it pays that installment's principal share.
        await card.GetByRole(AriaRole.Button, new() { Name = "Record repayment" }).ClickAsync();
        await Expect(bar).Not.ToHaveAttributeAsync("aria-valuenow", "0", new() { Timeout = 10_000 });
        await Expect(card.GetByTestId("repayment-figures")).ToContainTextAsync("repaid");

        var line = lenderPage.Locator("#distribution-list li.distribution");
        await Expect(line).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(line).ToContainTextAsync("Rita Repayer");
        Assert.True(await lenderPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The lender's page was reloaded.");
        Assert.Empty(pageErrors);

        Directory.CreateDirectory(Artifacts);
        await borrowerPage.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard-servicing.png"), FullPage = true });
    }

    [Fact]
    public async Task VerifyEmailPage_LinkFromTheMail_ShowsVerifiedAndTheAccountIs()
    {
        var user = await Api.NewUnverifiedUserAsync("Vera Verify");
        var mail = Assert.Single(TestMailbox.Instance.To(user.Email));
        var link = new Uri(VerificationLink().Match(mail.Text).Value);
        Assert.Equal("/app/verify-email", link.AbsolutePath);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        // The link's path and query on this test's API (the mail's base URL is the configured public address).
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, link.PathAndQuery).ToString());

        // Opening the link confirms nothing: a tab without a session is asked to sign in, then to press the button.
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Sign in with the account you registered", new() { Timeout = 10_000 });
        Assert.DoesNotContain("token=", page.Url, StringComparison.Ordinal);
        Assert.False((await Api.GetAsync("/api/v1/me", user.Token)).Json["email_verified"]!.GetValue<bool>());
        var signIn = page.GetByRole(AriaRole.Form, new() { Name = "Sign in" });
        await signIn.GetByLabel("Email", new() { Exact = true }).FillAsync(user.Email);
        await signIn.GetByLabel("Password", new() { Exact = true }).FillAsync(user.Password);
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your email address is verified", new() { Timeout = 10_000 });
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to your dashboard" })).ToBeVisibleAsync();
        Assert.Empty(pageErrors);
        var me = await Api.GetAsync("/api/v1/me", user.Token);
        Assert.True(me.Json["email_verified"]!.GetValue<bool>());

        // The same link again (the tab keeps its session) still answers verified; a broken one says why, as an alert.
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, link.PathAndQuery).ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your email address is verified", new() { Timeout = 10_000 });
        await page.GotoAsync(new Uri(fixture.Api.BaseAddress, "/app/verify-email?token=not-a-token").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm my email address" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("is invalid", new() { Timeout = 10_000 });
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Your email address is not verified.");
    }

    [Fact]
    public async Task Dashboard_ChangePassword_EverySessionSignedOutAndTheNewPasswordSignsIn()
    {
        var user = await Api.NewUserAsync("Cam Changer");
        const string newPassword = "a-new-password-for-cam";

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
        var pageErrors = new List<string>();
        page.PageError += (_, error) => pageErrors.Add(error);
        await SignInAsync(page, user);
        var form = page.GetByRole(AriaRole.Form, new() { Name = "Change password" });

        // A wrong current password changes nothing and keeps the page signed in.
        await form.GetByLabel("Current password").FillAsync("not-the-password");
        await form.GetByLabel("New password (at least 10 characters)").FillAsync(newPassword);
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("current_password", new() { Timeout = 10_000 });
        await Expect(form).ToBeVisibleAsync();

        await form.GetByLabel("Current password").FillAsync(user.Password);
        await form.GetByLabel("New password (at least 10 characters)").FillAsync(newPassword);
        await form.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Your password is changed", new() { Timeout = 10_000 });
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Sign in" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Not connected");
        Assert.Null(await page.EvaluateAsync<string?>("() => sessionStorage.getItem('pl.token')"));
        // Every session ended on the server: the one this test signed in through the API too.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.GetAsync("/api/v1/me", user.Token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Api.PostAsync("/api/v1/auth/login",
            new System.Text.Json.Nodes.JsonObject { ["email"] = user.Email, ["password"] = user.Password })).Status);

        await SignInAsync(page, user with { Password = newPassword });
        Assert.Empty(pageErrors);
    }

    private Task SignInAsync(IPage page, TestUser user) => page.SignInAsync(fixture.Api.BaseAddress, user);

    [GeneratedRegex(@"https?://\S+/app/verify-email\?token=\S+")]
    private static partial Regex VerificationLink();
}
