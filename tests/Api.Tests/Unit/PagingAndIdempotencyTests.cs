using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Common;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace PrivateLending.Api.Tests.Unit;

public sealed class PagingAndIdempotencyTests
{
    private static readonly Guid Alice = Guid.NewGuid();
    private static readonly Guid Bob = Guid.NewGuid();
    private readonly PageTokens _pages = new(new EphemeralDataProtectionProvider());

    [Fact]
    public void PageToken_RoundTrips_ForTheSameUserAndListing()
    {
        var token = _pages.Seal("cursor-42", Alice, "me/loans");

        Assert.NotNull(token);
        Assert.DoesNotContain("cursor-42", token, StringComparison.Ordinal);
        Assert.Equal("cursor-42", _pages.Request(10, token, Alice, "me/loans").After);
    }

    [Fact]
    public void PageToken_OtherUserListingOrTampering_IsInvalidPaginationToken()
    {
        var token = _pages.Seal("cursor-42", Alice, "me/loans")!;
        var tampered = (token[5] == 'x' ? 'y' : 'x') + token[1..];

        foreach (var (candidate, user, listing) in new[] { (token, Bob, "me/loans"), (token, Alice, "me/portfolio"), (tampered, Alice, "me/loans"), ("!!", Alice, "me/loans") })
        {
            var problem = Assert.Throws<ApiProblemException>(() => _pages.Request(10, candidate, user, listing));
            Assert.Equal("INVALID_PAGINATION_TOKEN", problem.Code);
            Assert.Equal(400, problem.Status);
        }
    }

    [Theory]
    [InlineData(null, 20)]
    [InlineData(1, 1)]
    [InlineData(100, 100)]
    public void PageRequest_ValidLimits(int? limit, int expected) =>
        Assert.Equal(expected, _pages.Request(limit, null, Alice, "me/loans").Limit);

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public void PageRequest_LimitOutOfRange_IsValidationError(int limit)
    {
        var problem = Assert.Throws<ApiProblemException>(() => _pages.Request(limit, null, Alice, "me/loans"));

        Assert.True(problem.Errors!.ContainsKey("limit"));
    }

    [Fact]
    public void PageResponse_NoMorePages_HasNoToken()
    {
        var page = new Page<int>([1, 2], HasMore: false, NextCursor: "ignored");

        var response = _pages.Response(page, i => i * 10, Alice, "me/loans");

        Assert.Equal([10, 20], response.Data);
        Assert.Equal(2, response.Count);
        Assert.False(response.HasMore);
        Assert.Null(response.NextToken);
    }

    [Fact]
    public void Fingerprint_DependsOnBodyRouteAndMethod_NotOnFormatting()
    {
        var keys = Keys();
        var body = new CreateLoanRequest(100m, 5m, 12, "Car", null);

        var a = keys.Fingerprint(Context("POST", "/api/v1/loans/{loan_id}/lenders", ("loan_id", "1")), body);
        var same = keys.Fingerprint(Context("POST", "/api/v1/loans/{loan_id}/lenders", ("loan_id", "1")), body with { });
        var otherBody = keys.Fingerprint(Context("POST", "/api/v1/loans/{loan_id}/lenders", ("loan_id", "1")), body with { Amount = 101m });
        var otherRoute = keys.Fingerprint(Context("POST", "/api/v1/loans/{loan_id}/lenders", ("loan_id", "2")), body);

        Assert.Equal(a, same);
        Assert.NotEqual(a, otherBody);
        Assert.NotEqual(a, otherRoute);
        Assert.Matches("^[0-9a-f]{64}$", a);
    }

    [Fact]
    public void Fingerprint_IsKeyed_SoAnotherDeploymentCannotReproduceIt()
    {
        var body = new CreateLoanRequest(100m, 5m, 12, "Car", null);
        var context = Context("POST", "/api/v1/loans");

        Assert.NotEqual(Keys("key-one-that-is-long-enough-0123456789").Fingerprint(context, body),
            Keys("key-two-that-is-long-enough-0123456789").Fingerprint(context, body));
    }

    [Fact]
    public void TokenFor_NoHeader_IsNull_AndEitherHeaderWorks()
    {
        var keys = Keys();
        var none = Context("POST", "/api/v1/loans");
        var primary = Context("POST", "/api/v1/loans");
        primary.Request.Headers["Idempotency-Key"] = "k1";
        var alternate = Context("POST", "/api/v1/loans");
        alternate.Request.Headers["X-Idempotency-Key"] = "k1";

        Assert.Null(keys.TokenFor(none, "body"));
        Assert.Equal("k1", keys.TokenFor(primary, "body")!.Key);
        Assert.Equal(keys.TokenFor(primary, "body"), keys.TokenFor(alternate, "body"));
    }

    [Theory]
    [InlineData(" ")]
    [InlineData(null)]
    public void ReadKey_BlankOrTooLong_IsValidationError(string? key)
    {
        var context = Context("POST", "/api/v1/loans");
        context.Request.Headers["Idempotency-Key"] = key ?? new string('k', 256);

        var problem = Assert.Throws<ApiProblemException>(() => IdempotencyKeys.ReadKey(context.Request));

        Assert.True(problem.Errors!.ContainsKey("Idempotency-Key"));
    }

    private static IdempotencyKeys Keys(string signingKey = "unit-test-signing-key-0123456789-abcdef")
    {
        var jwt = Options.Create(new JwtSettings { SigningKey = signingKey });
        var json = new JsonOptions();
        JsonSetup.Apply(json.SerializerOptions);
        return new IdempotencyKeys(new SigningKeyProvider(jwt, NullLogger<SigningKeyProvider>.Instance), Options.Create(json));
    }

    private static DefaultHttpContext Context(string method, string template, params (string Key, string Value)[] routeValues)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = method;
        context.SetEndpoint(new RouteEndpoint(_ => Task.CompletedTask, RoutePatternFactory.Parse(template), 0, EndpointMetadataCollection.Empty, "test"));
        foreach (var (key, value) in routeValues)
        {
            context.Request.RouteValues[key] = value;
        }

        return context;
    }
}
