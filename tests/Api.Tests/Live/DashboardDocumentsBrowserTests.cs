using System.Net;
using System.Text;
using Microsoft.Playwright;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.TestSupport;
using static Microsoft.Playwright.Assertions;
using static PrivateLending.Api.Tests.Infrastructure.DocumentSteps;

namespace PrivateLending.Api.Tests.Live;

/// <summary>
/// A loan's documents on the dashboard page in Chromium: the borrower uploads and downloads, a lender of the loan
/// reads and downloads, a refused file says why, and the agreement joins the list live once the loan is funded.
/// </summary>
[Collection(SharedApi.Name)]
public sealed class DashboardDocumentsBrowserTests(ApiFixture fixture)
{
    private static readonly string Artifacts = Path.Combine(AppContext.BaseDirectory, "artifacts");

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Documents_BorrowerUploadsLenderDownloads_SameBytesAndAgreementAppearsAfterFunding()
    {
        var borrower = await Api.NewUserAsync("Dora Documents");
        var lender = await Api.NewUserAsync("Lars Reader");
        var loan = await Api.CreateLoanAsync(borrower, 1000m, (lender.Email, 1000m));
        var loanId = loan["loan_id"]!.GetValue<string>();
        var pdf = Pdf();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await DashboardBrowser.LaunchAsync(playwright);
        var borrowerPage = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 }, AcceptDownloads = true });
        var lenderPage = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1100, Height = 900 }, AcceptDownloads = true });
        var pageErrors = new List<string>();
        borrowerPage.PageError += (_, error) => pageErrors.Add(error);
        lenderPage.PageError += (_, error) => pageErrors.Add(error);
        await SignInAsync(borrowerPage, borrower);

        var card = borrowerPage.Locator($"li.loan[data-loan-id='{loanId}']");
        var panel = card.GetByTestId("documents");
        await panel.Locator("summary").ClickAsync();
        await Expect(panel.GetByText("No documents yet.")).ToBeVisibleAsync(new() { Timeout = 10_000 });

        // A file that is no PDF, PNG or JPEG: the problem's detail is shown, nothing is listed.
        await panel.GetByLabel("File (PDF, PNG or JPEG)").SetInputFilesAsync(
            new FilePayload { Name = "notes.txt", MimeType = "text/plain", Buffer = Encoding.UTF8.GetBytes("just text") });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Expect(borrowerPage.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only PDF, PNG and JPEG", new() { Timeout = 10_000 });
        await Expect(panel.Locator("li.document")).ToHaveCountAsync(0);

        await panel.GetByLabel("File (PDF, PNG or JPEG)").SetInputFilesAsync(
            new FilePayload { Name = "income.pdf", MimeType = "application/pdf", Buffer = pdf });
        await panel.GetByLabel("Kind").SelectOptionAsync("income");
        await panel.GetByLabel("Title (optional)").FillAsync("Payslip March");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();

        var uploaded = panel.Locator("li.document");
        await Expect(uploaded).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(uploaded).ToContainTextAsync("Payslip March");
        await Expect(uploaded).ToContainTextAsync("income.pdf");
        Assert.Equal(Sha256(pdf), await DownloadSha256Async(borrowerPage, uploaded, "income.pdf"));

        // The lender reads it from the invitation, without upload or delete.
        await SignInAsync(lenderPage, lender);
        var invitation = lenderPage.Locator("#invitation-list li.card").Filter(new() { HasText = borrower.Name });
        var lenderPanel = invitation.GetByTestId("documents");
        await lenderPanel.Locator("summary").ClickAsync();
        var seen = lenderPanel.Locator("li.document");
        await Expect(seen).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(lenderPanel.GetByRole(AriaRole.Button, new() { Name = "Upload" })).ToHaveCountAsync(0);
        await Expect(lenderPanel.GetByRole(AriaRole.Button, new() { Name = "Delete income.pdf" })).ToHaveCountAsync(0);
        Assert.Equal(Sha256(pdf), await DownloadSha256Async(lenderPage, seen, "income.pdf"));

        // Funding writes the agreement after the answer; the borrower's open list gains it without a reload.
        await borrowerPage.EvaluateAsync("() => { window.__sameDocument = true; }");
        var participantId = loan["participants"]![0]!["participant_id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Api.PostAsync(
            $"/api/v1/loans/{loanId}/participants/{participantId}/accept", TestApi.AchBody(lender.Name), lender.Token)).Status);
        var agreement = panel.Locator("li.document[data-kind='agreement']");
        await Expect(agreement).ToHaveCountAsync(1, new() { Timeout = 15_000 });
        await Expect(agreement).ToContainTextAsync("agreement.pdf");
        await Expect(agreement.GetByRole(AriaRole.Button, new() { Name = "Delete agreement.pdf" })).ToHaveCountAsync(0);
        Assert.True(await borrowerPage.EvaluateAsync<bool>("() => window.__sameDocument === true"), "The page was reloaded.");
        Directory.CreateDirectory(Artifacts);
        await borrowerPage.ScreenshotAsync(new() { Path = Path.Combine(Artifacts, "dashboard-documents.png"), FullPage = true });

        // Deleting leaves the agreement alone.
        await panel.GetByRole(AriaRole.Button, new() { Name = "Delete income.pdf" }).ClickAsync();
        await Expect(panel.Locator("li.document")).ToHaveCountAsync(1, new() { Timeout = 10_000 });
        await Expect(agreement).ToHaveCountAsync(1);
        Assert.Empty(pageErrors);
    }

    private static async Task<string> DownloadSha256Async(IPage page, ILocator row, string fileName)
    {
        var download = await page.RunAndWaitForDownloadAsync(
            () => row.GetByRole(AriaRole.Button, new() { Name = $"Download {fileName}" }).ClickAsync());
        Assert.Equal(fileName, download.SuggestedFilename);
        var path = await download.PathAsync();
        return Sha256(await File.ReadAllBytesAsync(path));
    }

    private Task SignInAsync(IPage page, TestUser user) => page.SignInAsync(fixture.Api.BaseAddress, user);
}
