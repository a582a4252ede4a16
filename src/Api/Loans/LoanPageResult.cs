using System.Collections.Immutable;
using System.Reflection;
using Microsoft.AspNetCore.Http.Metadata;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

/// <summary>
/// 200 with a page of loans, serialised by the generated code of <see cref="ApiJsonContext"/> into a pooled buffer
/// (<see cref="JsonBodyWriter"/>), so the my-loans page, the API's hottest and largest response, leaves with a
/// Content-Length in one write. To clients and to OpenAPI it is <c>TypedResults.Ok(PageResponse&lt;LoanResponse&gt;)</c>.
/// </summary>
internal sealed class LoanPageResult(ImmutableArray<LoanView> loans, string? nextToken) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public ImmutableArray<LoanView> Loans { get; } = loans;

    /// <summary>The sealed token of the next page; null on the last page.</summary>
    public string? NextToken { get; } = nextToken;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var loans = Loans.IsDefault ? [] : Loans;
        var data = new LoanResponse[loans.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = LoanMapping.ToResponse(loans[i]);
        }

        return httpContext.RequestServices.GetRequiredService<JsonBodyWriter>()
            .WriteAsync(httpContext, new PageResponse<LoanResponse>(data, data.Length, NextToken is not null, NextToken));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PageResponse<LoanResponse>), ["application/json"]));
}
