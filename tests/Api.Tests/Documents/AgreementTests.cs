using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using PrivateLending.Api.Tests.Infrastructure;
using PrivateLending.Grains.Loans.Documents;
using UglyToad.PdfPig;
using static PrivateLending.Api.Tests.Infrastructure.DocumentSteps;
using static PrivateLending.Api.Tests.Infrastructure.ServicingSteps;

namespace PrivateLending.Api.Tests.Documents;

/// <summary>The loan agreement: written at funding and again at disbursement, once per version, read back with PdfPig.</summary>
[Collection(SharedApi.Name)]
public sealed class AgreementTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Funding_WritesAgreementWithTheFiguresAndItsHashInHistory()
    {
        var (loanId, borrower, lenders) = await FundedLoanAsync(Api);

        var agreement = await AgreementAsync(loanId, lenders[0].Token, version: 1);

        Assert.Equal("agreement", agreement["kind"]!.GetValue<string>());
        Assert.Equal("agreement.pdf", agreement["file_name"]!.GetValue<string>());
        Assert.Null(agreement["uploaded_by"]);
        var bytes = await DownloadAsync(loanId, agreement["document_id"]!.GetValue<string>(), lenders[1].Token);
        Assert.Equal(agreement["sha256"]!.GetValue<string>(), Sha256(bytes));
        var text = Text(bytes);
        Assert.Contains("Borrower Bo", text, StringComparison.Ordinal);
        Assert.Contains("Amount: 1000.00", text, StringComparison.Ordinal);
        Assert.Contains("Lender One: 600.00", text, StringComparison.Ordinal);
        Assert.Contains("Lender Two: 400.00", text, StringComparison.Ordinal);
        Assert.Contains("accepted terms version 1", text, StringComparison.Ordinal);
        Assert.Contains("Term: 36 months", text, StringComparison.Ordinal);
        var history = (await Api.GetAsync($"/api/v1/loans/{loanId}/history?limit=100", borrower.Token)).Json["data"]!.AsArray();
        var generated = Assert.Single(history, h => h!["action"]!.GetValue<string>() == "agreement.generated");
        Assert.Contains(generated!["changes"]!.AsArray(), c => c!["after"]?.GetValue<string>() == Sha256(bytes));
    }

    [Fact]
    public async Task Disbursement_WritesSecondVersionWithInstallmentAndKeepsTheFirst()
    {
        var (loanId, borrower, lenders) = await FundedLoanAsync(Api);
        var first = await AgreementAsync(loanId, borrower.Token, version: 1);
        var disbursed = await Api.PostAsync($"/api/v1/loans/{loanId}/disbursement", Disbursement(Today), borrower.Token);
        Assert.Equal(HttpStatusCode.OK, disbursed.Status);

        var second = await AgreementAsync(loanId, lenders[0].Token, version: 2);

        var schedule = (await Api.GetAsync($"/api/v1/loans/{loanId}/schedule", borrower.Token)).Json;
        var text = Text(await DownloadAsync(loanId, second["document_id"]!.GetValue<string>(), lenders[0].Token));
        Assert.Contains($"Installment amount: {schedule["installment_amount"]!.GetValue<decimal>():0.00}", text, StringComparison.Ordinal);
        Assert.Contains($"First due date: {schedule["installments"]![0]!["due_date"]!.GetValue<string>()}", text, StringComparison.Ordinal);
        var listed = (await Api.GetAsync($"/api/v1/loans/{loanId}/documents", borrower.Token)).Json["data"]!.AsArray();
        Assert.Equal(2, listed.Count(d => d!["kind"]!.GetValue<string>() == "agreement"));
        Assert.Contains(listed, d => d!["document_id"]!.GetValue<string>() == first["document_id"]!.GetValue<string>());
        ProblemAssert.IsProblem(await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loanId}/documents/{first["document_id"]}", borrower.Token),
            HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task WriteAgreement_AskedAgainAfterItWasWritten_StillOneObjectAndOneDocument()
    {
        var (loanId, borrower, _) = await FundedLoanAsync(Api);
        await AgreementAsync(loanId, borrower.Token, version: 1);

        // What a re-delivered outbox message (a crash before the message's removal was stored) asks for.
        await fixture.Cluster.Client.GetGrain<ILoanAgreementGrain>(Guid.Parse(loanId)).WriteAgreementAsync(1);

        var listed = (await Api.GetAsync($"/api/v1/loans/{loanId}/documents", borrower.Token)).Json["data"]!.AsArray();
        Assert.Single(listed, d => d!["kind"]!.GetValue<string>() == "agreement");
        var prefix = $"loans/{Guid.Parse(loanId):N}/agreement/";
        Assert.Single(await fixture.S3.KeysAsync(ApiFixture.DocumentsBucket), k => k.StartsWith(prefix, StringComparison.Ordinal));
    }

    private async Task<JsonNode> AgreementAsync(string loanId, string token, int version)
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            var listed = (await Api.GetAsync($"/api/v1/loans/{loanId}/documents", token)).Json["data"]!.AsArray();
            var found = listed.Where(d => d!["kind"]!.GetValue<string>() == "agreement").ToList();
            if (found.Count >= version)
            {
                return found[version - 1]!;
            }

            Assert.True(DateTime.UtcNow < deadline, $"Agreement version {version} was not written within 15 s.");
            await Task.Delay(100);
        }
    }

    private async Task<byte[]> DownloadAsync(string loanId, string documentId, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/loans/{loanId}/documents/{documentId}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await Api.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        return await response.Content.ReadAsByteArrayAsync();
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join("\n", document.GetPages().SelectMany(p => p.GetWords().GroupBy(w => Math.Round(w.BoundingBox.Bottom))
            .Select(line => string.Join(' ', line.OrderBy(w => w.BoundingBox.Left).Select(w => w.Text)))));
    }
}
