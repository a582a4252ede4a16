using System.Net;
using System.Text;
using PrivateLending.Api.Tests.Infrastructure;

namespace PrivateLending.Api.Tests.Security;

/// <summary>Bodies past the 64 KB limit are refused with a 413 problem before they are parsed, whether sized or chunked.</summary>
[Collection(SharedApi.Name)]
public sealed class RequestBodyLimitTests(ApiFixture fixture)
{
    private const int OverLimit = 65 * 1024;

    private TestApi Api => fixture.Client;

    [Fact]
    public async Task Post_BodyOverLimitWithContentLength_Returns413Problem()
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/auth/login") { Content = Body(chunked: false) };

        ProblemAssert.IsProblem(await Api.SendAsync(request), HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    [Fact]
    public async Task Post_ChunkedBodyOverLimit_Returns413Problem()
    {
        var user = await Api.NewUserAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/loans") { Content = Body(chunked: true) };
        request.Headers.Authorization = new("Bearer", user.Token);
        request.Headers.TransferEncodingChunked = true;

        var response = await Api.SendAsync(request);

        ProblemAssert.IsProblem(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
    }

    /// <summary>A JSON document with one long string member; chunked bodies carry no Content-Length.</summary>
    private static HttpContent Body(bool chunked)
    {
        var json = Encoding.UTF8.GetBytes("{\"email\":\"a@example.com\",\"password\":\"" + new string('x', OverLimit) + "\"}");
        HttpContent content = chunked ? new StreamContent(new MemoryStream(json)) : new ByteArrayContent(json);
        content.Headers.ContentType = new("application/json");
        return content;
    }
}
