using System.Collections.Immutable;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

/// <summary>
/// 200 with a page of loans, serialised by <see cref="LoanJsonContext"/> into a pooled buffer (one write with a
/// Content-Length). To clients and to OpenAPI it is the same as <c>TypedResults.Ok(PageResponse&lt;LoanResponse&gt;)</c>.
/// </summary>
internal sealed class LoanPageResult(ImmutableArray<LoanView> loans, string? nextToken) : IResult, IStatusCodeHttpResult, IEndpointMetadataProvider
{
    public ImmutableArray<LoanView> Loans { get; } = loans;

    /// <summary>The sealed token of the next page; null on the last page.</summary>
    public string? NextToken { get; } = nextToken;

    public int? StatusCode => StatusCodes.Status200OK;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        var data = Loans.IsDefaultOrEmpty ? [] : new LoanResponse[Loans.Length];
        for (var i = 0; i < data.Length; i++)
        {
            data[i] = LoanMapping.ToResponse(Loans[i]);
        }

        var page = new PageResponse<LoanResponse>(data, data.Length, NextToken is not null, NextToken);
        return httpContext.RequestServices.GetRequiredService<JsonBodyWriter>()
            .WriteAsync(httpContext, page, static (writer, page) => JsonSerializer.Serialize(writer, page, LoanJsonContext.Default.PageResponseLoanResponse));
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(PageResponse<LoanResponse>), ["application/json"]));
}
