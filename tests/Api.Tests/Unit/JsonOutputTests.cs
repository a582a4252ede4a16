using System.Collections.Immutable;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Health;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Lenders;
using PrivateLending.Api.Loans;
using PrivateLending.Api.Users;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using HttpJsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PrivateLending.Api.Tests.Unit;

/// <summary>
/// Golden comparisons: the source-generated metadata and the hand-written my-loans writer must give exactly the
/// bytes that reflection-based serialisation of the same response records gave before them.
/// </summary>
public sealed class JsonOutputTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 23, 16, 35, 7, 123, TimeSpan.Zero);

    /// <summary>The app's JSON services, shared so consecutive results reuse pooled buffers.</summary>
    private static readonly ServiceProvider JsonServices = new ServiceCollection().AddApiJson().BuildServiceProvider();

    /// <summary>The HTTP options as the app configures them: generated metadata first.</summary>
    private static readonly JsonSerializerOptions Http = HttpOptions(JsonSetup.Apply);

    /// <summary>The same conventions served by reflection alone (what the API used before).</summary>
    private static readonly JsonSerializerOptions Reflection = HttpOptions(JsonSetup.ApplyConventions);

    [Fact]
    public void HttpOptions_ServeResponsesFromTheGeneratedContext()
    {
        foreach (var type in new[] { typeof(LoanResponse), typeof(PageResponse<LoanResponse>), typeof(ProblemDetails), typeof(HttpValidationProblemDetails) })
        {
            Assert.IsType<ApiJsonContext>(Http.GetTypeInfo(type).OriginatingResolver);
        }

        Assert.IsType<DefaultJsonTypeInfoResolver>(Reflection.GetTypeInfo(typeof(LoanResponse)).OriginatingResolver);
    }

    [Fact]
    public void FullLoan_SourceGenerated_SameBytesAsReflection()
    {
        var loan = LoanMapping.ToResponse(Loan(deleted: true));

        var expected = JsonSerializer.Serialize(loan, Reflection);

        Assert.Equal(expected, JsonSerializer.Serialize(loan, Http));
        Assert.Contains("\"status\":\"CANCELLED\"", expected, StringComparison.Ordinal);
        Assert.Contains("\"status\":\"ACCEPTED\"", expected, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task LoanPage_WrittenFromViews_SameBytesAsSerialisedRecords(bool hasMore)
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

    [Fact]
    public void OtherResponses_SourceGenerated_SameBytesAsReflection()
    {
        var participant = LoanMapping.ToResponse(Participant(Guid.NewGuid(), 0, accepted: true));
        var funding = LoanMapping.ToResponse(Loan(deleted: false).Funding);
        var invitation = new InvitationResponse(participant.ParticipantId, participant.LoanId, participant.LenderEmail,
            participant.LenderId, participant.LenderName, participant.ContributionAmount, participant.Status,
            participant.InvitedAt, participant.RespondedAt, participant.Ach, "Bórrower \"B\"", 1000m, 7.25m, 36,
            "Kitchen <renovation>", LoanStatus.Funded);
        object[] values =
        [
            new PageResponse<InvitationResponse>([invitation], 1, true, "next"),
            new PortfolioResponse([invitation], 1, false, null, 1234.50m, 7),
            new LenderAdditionResponse(Guid.NewGuid(), 3, [participant], funding),
            new ParticipationResultResponse(participant, participant.LoanId, LoanStatus.Pending, 4, funding),
            new UserResponse(Guid.NewGuid(), "ada@example.com", "Ada Ł", ["borrower", "lender"], T0),
            new TokenResponse("eyJ.token", "Bearer", 3600),
            new HealthResponse("live", T0),
        ];

        foreach (var value in values)
        {
            Assert.Equal(JsonSerializer.Serialize(value, value.GetType(), Reflection), JsonSerializer.Serialize(value, value.GetType(), Http));
        }
    }

    [Fact]
    public void Problems_SourceGenerated_SameBytesAsReflection()
    {
        var problem = new ProblemDetails { Status = 404, Title = "Not Found", Type = "https://example.com/404", Detail = "No \"loan\"." };
        problem.Extensions["code"] = "NOT_FOUND";
        problem.Extensions["request_id"] = "abc";
        problem.Extensions["timestamp"] = T0;
        problem.Extensions["retry_after"] = 5;
        var validation = new HttpValidationProblemDetails(new Dictionary<string, string[]> { ["amount"] = ["Must be > 0."], ["Idempotency-Key"] = ["Too long."] })
        {
            Status = 400,
            Title = "Bad Request",
            Type = "https://example.com/400",
        };
        validation.Extensions["code"] = "VALIDATION_ERROR";

        foreach (var value in new ProblemDetails[] { problem, validation })
        {
            var expected = JsonSerializer.Serialize(value, value.GetType(), Reflection);
            Assert.Equal(expected, JsonSerializer.Serialize(value, value.GetType(), Http));
            Assert.StartsWith("{\"type\":", expected, StringComparison.Ordinal);
        }
    }

    private static JsonSerializerOptions HttpOptions(Action<JsonSerializerOptions> configure)
    {
        // The framework's HTTP JSON options (web defaults, reflection resolver), configured like the app's.
        var options = new HttpJsonOptions().SerializerOptions;
        configure(options);
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
