using System.Collections.Immutable;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

/// <summary>
/// 200 with a page of loans written by <see cref="LoanJsonWriter"/> straight from the grain's views. To clients
/// and to OpenAPI it is the same as <c>TypedResults.Ok(PageResponse&lt;LoanResponse&gt;)</c>.
/// </summary>
internal sealed class LoanPageResult(ImmutableArray<LoanView> loans, string? nextToken) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public ImmutableArray<LoanView> Loans { get; } = loans;

    /// <summary>The sealed token of the next page; null on the last page.</summary>
    public string? NextToken { get; } = nextToken;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext) =>
        httpContext.RequestServices.GetRequiredService<JsonBodyWriter>()
            .WriteAsync(httpContext, this, static (writer, page) => LoanJsonWriter.WritePage(writer, page.Loans, page.NextToken));

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PageResponse<LoanResponse>), ["application/json"]));
}
