using System.Net;
using System.Net.Http.Headers;
using PrivateLending.Api.Tests.Infrastructure;
using static PrivateLending.Api.Tests.Infrastructure.DocumentSteps;

namespace PrivateLending.Api.Tests.Documents;

/// <summary>Uploads through HTTP to the real local S3 server: round trip, listing, access, deletion.</summary>
[Collection(SharedApi.Name)]
public sealed class DocumentEndpointTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Upload_Png_RoundTripsByteExactWithSameSha256()
    {
        var (loanId, borrower, lenders) = await ServicingSteps.FundedLoanAsync(Api);
        var file = Png(3 * 1024 * 1024 + 17, seed: 7);

        var uploaded = await Api.SendAsync(Upload(loanId, borrower.Token, file, "bank.png", title: "March statement"));

        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        var json = uploaded.Json;
        var documentId = json["document_id"]!.GetValue<string>();
        Assert.Equal($"/api/v1/loans/{loanId}/documents/{documentId}", uploaded.Header("Location"));
        Assert.Equal(Sha256(file), json["sha256"]!.GetValue<string>());
        Assert.Equal(file.Length, json["size_bytes"]!.GetValue<long>());
        Assert.Equal("image/png", json["content_type"]!.GetValue<string>());
        Assert.Equal("bank_statement", json["kind"]!.GetValue<string>());
        Assert.Equal("March statement", json["title"]!.GetValue<string>());
        Assert.Equal("bank.png", json["file_name"]!.GetValue<string>());
        Assert.Equal(borrower.UserId, json["uploaded_by"]!.GetValue<Guid>());

        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/loans/{loanId}/documents/{documentId}/content");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", lenders[0].Token);
        using var download = await Api.Http.SendAsync(request);
        var bytes = await download.Content.ReadAsByteArrayAsync();
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(file, bytes);
        Assert.Equal(Sha256(file), Sha256(bytes));
        Assert.Equal("image/png", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition!.DispositionType);
        Assert.Equal("bank.png", download.Content.Headers.ContentDisposition.FileNameStar);
        Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal($"\"{Sha256(file)}\"", download.Headers.ETag!.Tag);
        Assert.Contains(await fixture.S3.KeysAsync(ApiFixture.DocumentsBucket), k => k.StartsWith($"loans/{Guid.Parse(loanId):N}/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task List_AfterUploadsAndDelete_ShowsLiveOnesAndDeletedIsGone()
    {
        // Not funded, so no agreement joins the list; the invited lender (verified, not yet answered) reads.
        var borrower = await Api.NewUserAsync("Borrower Bo");
        TestUser[] lenders = [await Api.NewUserAsync("Lender One"), await Api.NewUserAsync("Lender Two")];
        var loanId = (await Api.CreateLoanAsync(borrower, 1000m, (lenders[1].Email, 400m)))["loan_id"]!.GetValue<string>();
        var first = (await Api.SendAsync(Upload(loanId, borrower.Token, Png(seed: 1)))).Json["document_id"]!.GetValue<string>();
        var second = (await Api.SendAsync(Upload(loanId, borrower.Token, Jpeg(), "id.jpg", "image/jpeg", "identity"))).Json["document_id"]!.GetValue<string>();
        var third = (await Api.SendAsync(Upload(loanId, borrower.Token, Pdf(), "income.pdf", "application/pdf", "income"))).Json["document_id"]!.GetValue<string>();

        var deleted = await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loanId}/documents/{second}", borrower.Token);

        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        var page1 = await Api.GetAsync($"/api/v1/loans/{loanId}/documents?limit=1", lenders[1].Token);
        Assert.Equal(first, Assert.Single(page1.Json["data"]!.AsArray())!["document_id"]!.GetValue<string>());
        var token = page1.Json["next_token"]!.GetValue<string>();
        var page2 = await Api.GetAsync($"/api/v1/loans/{loanId}/documents?limit=1&next_token={Uri.EscapeDataString(token)}", lenders[1].Token);
        Assert.Equal(third, Assert.Single(page2.Json["data"]!.AsArray())!["document_id"]!.GetValue<string>());
        Assert.False(page2.Json["has_more"]!.GetValue<bool>());
        ProblemAssert.IsProblem(await Api.GetAsync($"/api/v1/loans/{loanId}/documents/{second}", borrower.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.GetAsync($"/api/v1/loans/{loanId}/documents/{second}/content", borrower.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        var history = (await Api.GetAsync($"/api/v1/loans/{loanId}/history?limit=100", borrower.Token)).Json["data"]!.AsArray();
        Assert.Equal(3, history.Count(h => h!["action"]!.GetValue<string>() == "document.uploaded"));
        Assert.Single(history, h => h!["action"]!.GetValue<string>() == "document.deleted");
    }

    [Fact]
    public async Task EveryRoute_AnotherUsersToken_NotFound()
    {
        var (loanId, borrower, _) = await ServicingSteps.FundedLoanAsync(Api);
        var stranger = await Api.NewUserAsync("Stranger");
        var documentId = (await Api.SendAsync(Upload(loanId, borrower.Token, Png()))).Json["document_id"]!.GetValue<string>();
        var path = $"/api/v1/loans/{loanId}/documents";

        ProblemAssert.IsProblem(await Api.SendAsync(Upload(loanId, stranger.Token, Png())), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.GetAsync(path, stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.GetAsync($"{path}/{documentId}", stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.GetAsync($"{path}/{documentId}/content", stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        ProblemAssert.IsProblem(await Api.SendAsync(HttpMethod.Delete, $"{path}/{documentId}", stranger.Token), HttpStatusCode.NotFound, "NOT_FOUND");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync($"{path}/{documentId}", borrower.Token)).Status);
    }

    [Fact]
    public async Task UploadAndDelete_Lender_Forbidden()
    {
        var (loanId, borrower, lenders) = await ServicingSteps.FundedLoanAsync(Api);
        var documentId = (await Api.SendAsync(Upload(loanId, borrower.Token, Png()))).Json["document_id"]!.GetValue<string>();

        ProblemAssert.IsProblem(await Api.SendAsync(Upload(loanId, lenders[0].Token, Png())), HttpStatusCode.Forbidden, "FORBIDDEN");
        ProblemAssert.IsProblem(await Api.SendAsync(HttpMethod.Delete, $"/api/v1/loans/{loanId}/documents/{documentId}", lenders[0].Token),
            HttpStatusCode.Forbidden, "FORBIDDEN");
    }

    [Fact]
    public async Task Upload_FileNameWithPathAndBidiCharacters_KeptAsSafeDisplayName()
    {
        var (loanId, borrower, _) = await ServicingSteps.FundedLoanAsync(Api);

        var uploaded = await Api.SendAsync(Upload(loanId, borrower.Token, Png(), "../../etc/evil\u202Egnp.exe\u0007.png"));

        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        Assert.Equal("evilgnp.exe.png", uploaded.Json["file_name"]!.GetValue<string>());
    }
}
