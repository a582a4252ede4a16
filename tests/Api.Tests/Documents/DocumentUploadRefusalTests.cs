using System.Net;
using System.Text;
using PrivateLending.Api.Tests.Infrastructure;
using static PrivateLending.Api.Tests.Infrastructure.DocumentSteps;

namespace PrivateLending.Api.Tests.Documents;

/// <summary>Each bad upload gets its stated answer, and nothing of it is stored: no object, no metadata.</summary>
[Collection(SharedApi.Name)]
public sealed class DocumentUploadRefusalTests(ApiFixture fixture)
{
    private TestApi Api => fixture.Client;

    public static TheoryData<string, string> UnsafePdfs => new()
    {
        { "/OpenAction 4 0 R", "<< /S /JavaScript /JS (app.alert(1)) >>" },
        { "/OpenAction 4 0 R", "<< /S /Launch /F (calc.exe) >>" },
        { "/Names << /EmbeddedFiles 4 0 R >>", "<< /Names [(a.exe) << /Type /Filespec /F (a.exe) >>] >>" },
    };

    [Fact]
    public async Task Upload_TextFile_UnsupportedMediaTypeAndNothingStored()
    {
        var (loanId, borrower) = await LoanAsync();

        var refused = await Api.SendAsync(Upload(loanId, borrower.Token, Encoding.UTF8.GetBytes("just some text"), "notes.txt", "text/plain"));

        ProblemAssert.IsProblem(refused, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Fact]
    public async Task Upload_DeclaredJpegButBytesArePng_UnsupportedMediaType()
    {
        var (loanId, borrower) = await LoanAsync();

        var refused = await Api.SendAsync(Upload(loanId, borrower.Token, Png(), "photo.jpg", "image/jpeg"));

        ProblemAssert.IsProblem(refused, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Theory]
    [MemberData(nameof(UnsafePdfs))]
    public async Task Upload_PdfWithActiveContent_UnsafeDocument(string catalog, string extra)
    {
        var (loanId, borrower) = await LoanAsync();

        var refused = await Api.SendAsync(Upload(loanId, borrower.Token, Pdf(catalog, extra), "x.pdf", "application/pdf"));

        ProblemAssert.IsProblem(refused, HttpStatusCode.UnprocessableEntity, "UNSAFE_DOCUMENT");
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Fact]
    public async Task Upload_PlainPdf_Accepted()
    {
        var (loanId, borrower) = await LoanAsync();

        var uploaded = await Api.SendAsync(Upload(loanId, borrower.Token, Pdf(), "x.pdf", "application/pdf"));

        Assert.Equal(HttpStatusCode.Created, uploaded.Status);
        Assert.Equal("application/pdf", uploaded.Json["content_type"]!.GetValue<string>());
    }

    [Fact]
    public async Task Upload_DeclaredOverMaxBytes_PayloadTooLargeBeforeTheBodyIsSent()
    {
        await using var small = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Documents:MaxBytes"] = "65536" });
        var (loanId, borrower) = await LoanAsync();
        var content = new CountingContent(Png(8 * 1024 * 1024));
        var request = Request(loanId, borrower.Token, new MultipartFormDataContent { { content, "file", "big.png" } });
        request.Headers.ExpectContinue = true;
        // Waits for the server's word however busy the machine is (the default gives up after 1 s and sends the body).
        using var patient = new HttpClient(new SocketsHttpHandler { Expect100ContinueTimeout = TimeSpan.FromSeconds(30) }) { BaseAddress = small.BaseAddress };

        var refused = await new TestApi(patient).SendAsync(request);

        ProblemAssert.IsProblem(refused, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Equal(0, content.Sent);
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Fact]
    public async Task Upload_FileOverMaxBytesInsideTheForm_PayloadTooLarge()
    {
        await using var small = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Documents:MaxBytes"] = "65536" });
        var (loanId, borrower) = await LoanAsync();

        // Within the form's allowance on the whole, so only counting the file's own bytes can refuse it.
        var refused = await new TestApi(small.Http).SendAsync(Upload(loanId, borrower.Token, Png(65536 + 1)));

        ProblemAssert.IsProblem(refused, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Fact]
    public async Task Upload_TruncatedMultipart_BadRequest()
    {
        var (loanId, borrower) = await LoanAsync();
        var body = new ByteArrayContent(Encoding.ASCII.GetBytes("--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\n\u0089PNG"));
        body.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data; boundary=xyz");

        var refused = await Api.SendAsync(Request(loanId, borrower.Token, body));

        ProblemAssert.IsProblem(refused, HttpStatusCode.BadRequest, "VALIDATION_ERROR");
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Fact]
    public async Task Upload_NoFilePart_BadRequest()
    {
        var (loanId, borrower) = await LoanAsync();
        var form = new MultipartFormDataContent { { new StringContent("identity"), "kind" } };

        ProblemAssert.IsProblem(await Api.SendAsync(Request(loanId, borrower.Token, form)), HttpStatusCode.BadRequest, "VALIDATION_ERROR");
    }

    [Fact]
    public async Task Upload_UnknownKind_BadRequest()
    {
        var (loanId, borrower) = await LoanAsync();

        var refused = await Api.SendAsync(Upload(loanId, borrower.Token, Png(), kind: "agreement"));

        ProblemAssert.HasFieldError(refused, "kind");
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Fact]
    public async Task Upload_FiftyFirstLiveDocument_Conflict()
    {
        var (loanId, borrower) = await LoanAsync();
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await Api.SendAsync(Upload(loanId, borrower.Token, Png(64, i)))).Status);
        }

        var keys = (await fixture.S3.KeysAsync(ApiFixture.DocumentsBucket)).Count;

        ProblemAssert.IsProblem(await Api.SendAsync(Upload(loanId, borrower.Token, Png())), HttpStatusCode.Conflict, "CONFLICT");
        Assert.Equal(keys, (await fixture.S3.KeysAsync(ApiFixture.DocumentsBucket)).Count);
    }

    [Fact]
    public async Task Upload_MoreThanTheMinutesAllowance_TooManyRequests()
    {
        await using var limited = await fixture.StartApiAsync(new Dictionary<string, string?> { ["Documents:UploadsPerMinute"] = "2" });
        var api = new TestApi(limited.Http);
        var (loanId, borrower) = await LoanAsync();
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(Upload(loanId, borrower.Token, Png()))).Status);
        Assert.Equal(HttpStatusCode.Created, (await api.SendAsync(Upload(loanId, borrower.Token, Png()))).Status);

        var refused = await api.SendAsync(Upload(loanId, borrower.Token, Png()));

        ProblemAssert.IsProblem(refused, HttpStatusCode.TooManyRequests, "TOO_MANY_REQUESTS");
        Assert.NotNull(refused.Header("Retry-After"));
    }

    [Fact]
    public async Task Upload_LoanWriteFails_ObjectRemovedAndNoMetadata()
    {
        var (loanId, borrower) = await LoanAsync();
        DocumentWriteFaults.FailFor(Guid.Parse(loanId));

        var failed = await Api.SendAsync(Upload(loanId, borrower.Token, Png()));

        ProblemAssert.IsProblem(failed, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await AssertNothingStoredAsync(loanId, borrower);
    }

    [Fact]
    public async Task Upload_ObjectStorageDown_ServiceUnavailableAndNoMetadata()
    {
        var deadPort = PrivateLending.TestSupport.LoopbackPorts.FreePort();
        await using var broken = await fixture.StartApiAsync(new Dictionary<string, string?>
        {
            ["Documents:ServiceUrl"] = $"http://127.0.0.1:{deadPort}",
            ["Documents:RequestTimeout"] = "00:00:02",
        });
        var (loanId, borrower) = await LoanAsync();

        var failed = await new TestApi(broken.Http).SendAsync(Upload(loanId, borrower.Token, Png()));

        ProblemAssert.IsProblem(failed, HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        await AssertNothingStoredAsync(loanId, borrower);
        // Readiness reports S3: the host whose bucket does not answer is not ready, the others are.
        ProblemAssert.IsProblem(await new TestApi(broken.Http).GetAsync("/health/ready"), HttpStatusCode.ServiceUnavailable, "SERVICE_UNAVAILABLE");
        Assert.Equal(HttpStatusCode.OK, (await Api.GetAsync("/health/ready")).Status);
    }

    private async Task<(string LoanId, TestUser Borrower)> LoanAsync()
    {
        var borrower = await Api.NewUserAsync("Doc Borrower");
        var loan = await Api.CreateLoanAsync(borrower, 1000m);
        return (loan["loan_id"]!.GetValue<string>(), borrower);
    }

    private async Task AssertNothingStoredAsync(string loanId, TestUser borrower)
    {
        var prefix = $"loans/{Guid.Parse(loanId):N}/";
        Assert.DoesNotContain(await fixture.S3.KeysAsync(ApiFixture.DocumentsBucket), k => k.StartsWith(prefix, StringComparison.Ordinal));
        var list = await Api.GetAsync($"/api/v1/loans/{loanId}/documents", borrower.Token);
        Assert.Equal(HttpStatusCode.OK, list.Status);
        Assert.Empty(list.Json["data"]!.AsArray());
    }

    /// <summary>A body that counts what the client actually sent.</summary>
    private sealed class CountingContent(byte[] bytes) : HttpContent
    {
        public long Sent { get; private set; }

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            for (var offset = 0; offset < bytes.Length; offset += 16 * 1024)
            {
                var length = Math.Min(16 * 1024, bytes.Length - offset);
                await stream.WriteAsync(bytes.AsMemory(offset, length));
                Sent += length;
            }
        }

        protected override bool TryComputeLength(out long length)
        {
            length = bytes.Length;
            return true;
        }
    }
}
