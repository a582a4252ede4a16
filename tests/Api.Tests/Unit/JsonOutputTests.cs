using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Lenders;
using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PrivateLending.Api.Tests.Unit;

/// <summary>
/// Golden comparisons: the loan responses written by the source-generated code (first in the HTTP options' resolver
/// chain) must give exactly the bytes the reflection serializer gives with the same settings, and the my-loans page
/// result must send exactly what serialising the page gives.
/// </summary>
public sealed class JsonOutputTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 16, 35, 7, 123, TimeSpan.Zero);

    /// <summary>The app's JSON services, shared so consecutive results reuse pooled buffers.</summary>
    private static readonly ServiceProvider JsonServices = new ServiceCollection().AddApiJson().BuildServiceProvider();

    /// <summary>The HTTP options as the app configures them: what every other response is serialised with.</summary>
    private static readonly JsonSerializerOptions Http = HttpOptions(generated: true);

    /// <summary>The same settings with the reflection resolver alone.</summary>
    private static readonly JsonSerializerOptions Reflection = HttpOptions(generated: false);

    [Theory]
    [InlineData(typeof(PageResponse<LoanResponse>))]
    [InlineData(typeof(LoanResponse))]
    [InlineData(typeof(PageResponse<InvitationResponse>))]
    [InlineData(typeof(ParticipationResultResponse))]
    public void HotResponse_HttpOptions_ResolvedByGeneratedCode(Type type)
    {
        Assert.Same(ApiJsonContext.Default, Http.GetTypeInfo(type).OriginatingResolver);
        Assert.IsNotType<ApiJsonContext>(Reflection.GetTypeInfo(type).OriginatingResolver);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void FullLoan_GeneratedCode_SameBytesAsReflection(bool deleted)
    {
        var loan = LoanMapping.ToResponse(Loan(deleted));

        var expected = JsonSerializer.Serialize(loan, Reflection);

        Assert.Equal(expected, JsonSerializer.Serialize(loan, Http));
        Assert.Contains(deleted ? "\"status\":\"CANCELLED\"" : "\"status\":\"PENDING\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"ACCEPTED\"", expected, StringComparison.Ordinal);
        // ASP.NET Core's relaxed encoder: accented letters go out as they are, quotes as \" (the emoji is escaped).
        Assert.Contains("\"borrower_name\":\"José \\\"Pepe\\\" Ñúñez \\uD83D\\uDE80\"", expected, StringComparison.Ordinal);
    }

    [Fact]
    public void ActiveLoan_GeneratedCode_SameBytesAsReflectionWithRepaymentFigures()
    {
        var loan = LoanMapping.ToResponse(Loan(deleted: false) with
        {
            Status = LoanStatus.Active,
            Servicing = new LoanServicingFigures(new DateOnly(2026, 1, 31), 2499.50m, 500.50m, 12.3m, new DateOnly(2026, 2, 28), 256.10m, 4),
        });

        var expected = JsonSerializer.Serialize(loan, Reflection);

        Assert.Equal(expected, JsonSerializer.Serialize(loan, Http));
        Assert.Contains("\"disbursed_on\":\"2026-01-31\",\"outstanding_principal\":2499.50", expected, StringComparison.Ordinal);
        Assert.Contains("\"next_due_date\":\"2026-02-28\",\"next_due_amount\":256.10,\"days_past_due\":4", expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoanPage_FromViews_SameBytesAsSerialisedRecords(bool hasMore)
    {
        ImmutableArray<LoanView> loans = [Loan(deleted: false), Loan(deleted: true), Loan(deleted: false, participants: [])];
        var nextToken = hasMore ? "CfDJ8-token_with+odd/chars" : null;
        var records = loans.Select(LoanMapping.ToResponse).ToList();

        var expected = JsonSerializer.Serialize(new PageResponse<LoanResponse>(records, records.Count, hasMore, nextToken), Reflection);

        var (body, response) = await ExecuteAsync(new LoanPageResult(loans, nextToken));
        Assert.Equal(expected, body);
        Assert.Equal(200, response.StatusCode);
        Assert.Equal("application/json; charset=utf-8", response.ContentType);
        Assert.Equal(Encoding.UTF8.GetByteCount(expected), response.ContentLength);
    }

    [Fact]
    public async Task EmptyLoanPage_WrittenFromViews_SameBytesAsSerialisedRecords()
    {
        var expected = JsonSerializer.Serialize(new PageResponse<LoanResponse>([], 0, false, null), Reflection);

        Assert.Equal(expected, (await ExecuteAsync(new LoanPageResult(default, null))).Body);
        Assert.Equal(expected, (await ExecuteAsync(new LoanPageResult([], null))).Body);
    }

    [Fact]
    public async Task LoanPages_OneAfterAnother_ReuseNoStaleBytes()
    {
        var big = await ExecuteAsync(new LoanPageResult([Loan(deleted: false), Loan(deleted: true)], "next"));
        var small = await ExecuteAsync(new LoanPageResult([], null));

        Assert.NotNull(JsonNode.Parse(big.Body));
        Assert.Equal("{\"data\":[],\"count\":0,\"has_more\":false,\"next_token\":null}", small.Body);
    }

    private static JsonSerializerOptions HttpOptions(bool generated)
    {
        // The framework's HTTP JSON options (web defaults, its relaxed encoder), configured like the app's.
        var options = new HttpJsonOptions().SerializerOptions;
        JsonSetup.Apply(options);
        if (!generated)
        {
            options.TypeInfoResolverChain.Remove(ApiJsonContext.Default);
        }

        options.MakeReadOnly();
        return options;
    }

    /// <summary>Runs a result as the framework would, with the app's JSON services, and reads the body.</summary>
    private static async Task<(string Body, HttpResponse Response)> ExecuteAsync(LoanPageResult result)
    {
        var context = new DefaultHttpContext { RequestServices = JsonServices };
        var body = new MemoryStream();
        context.Response.Body = body;

        await result.ExecuteAsync(context);

        return (Encoding.UTF8.GetString(body.ToArray()), context.Response);
    }

    /// <summary>A loan exercising every member: escapes, non-ASCII, offsets, trailing zeros, nulls and non-nulls.</summary>
    private static LoanView Loan(bool deleted, ImmutableArray<ParticipantView>? participants = null)
    {
        var loanId = Guid.NewGuid();
        var borrower = Guid.NewGuid();
        var parts = participants ?? [Participant(loanId, 0, accepted: true), Participant(loanId, 1, accepted: false), Participant(loanId, 2, accepted: true)];
        var funding = parts.IsEmpty
            ? new FundingFigures(0m, 0m, 0m, 0, 0, 0, false, null, null, null, null)
            : new FundingFigures(3000.00m, 2000.5m, 66.68m, 3, 2, 1, false, 1000.25m, 1000.25m, 1000.25m, T0.AddTicks(1));
        var audit = deleted
            ? new RecordAudit(T0, borrower, T0.AddHours(1), borrower, new DateTimeOffset(2026, 11, 24, 1, 2, 3, new TimeSpan(5, 30, 0)), borrower, "Changed my mind — \"really\" <b>")
            : new RecordAudit(T0, borrower, T0.AddMinutes(5), borrower);
        return new LoanView(loanId, borrower, "José \"Pepe\" Ñúñez 🚀", new LoanTerms(3000.00m, 7.250m, 36, "Kitchen & bath <renovation>\n"),
            deleted ? LoanStatus.Cancelled : LoanStatus.Pending, 7, parts, funding, audit);
    }

    private static ParticipantView Participant(Guid loanId, int index, bool accepted) => new(
        Guid.NewGuid(), loanId, $"lender.{index}+tag@example.com", accepted ? Guid.NewGuid() : null, accepted ? $"Lender 'Ø{index}'" : null,
        1000.00m + index, accepted ? ParticipantStatus.Accepted : ParticipantStatus.Pending, T0.AddSeconds(index),
        accepted ? T0.AddSeconds(index + 0.5) : null, accepted ? new MaskedAch("Holder & Co", "checking", "0123") : null);
}
