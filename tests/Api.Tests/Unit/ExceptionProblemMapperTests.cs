using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Orleans.Runtime;
using Orleans.Runtime.Messaging;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Storage;

namespace PrivateLending.Api.Tests.Unit;

public sealed class ExceptionProblemMapperTests
{
    [Theory]
    [InlineData(DomainErrorCode.Validation, 400, "VALIDATION_ERROR")]
    [InlineData(DomainErrorCode.NotFound, 404, "NOT_FOUND")]
    [InlineData(DomainErrorCode.Forbidden, 403, "FORBIDDEN")]
    [InlineData(DomainErrorCode.Conflict, 409, "CONFLICT")]
    [InlineData(DomainErrorCode.DuplicateLender, 409, "DUPLICATE_LENDER")]
    [InlineData(DomainErrorCode.OverFunding, 409, "OVER_FUNDING")]
    [InlineData(DomainErrorCode.PreconditionFailed, 412, "PRECONDITION_FAILED")]
    [InlineData(DomainErrorCode.IdempotencyKeyReused, 422, "IDEMPOTENCY_KEY_REUSED")]
    [InlineData(DomainErrorCode.Overpayment, 422, "OVERPAYMENT")]
    [InlineData(DomainErrorCode.PayoffMismatch, 422, "PAYOFF_MISMATCH")]
    [InlineData(DomainErrorCode.TermsVersionRequired, 428, "PRECONDITION_REQUIRED")]
    [InlineData(DomainErrorCode.TermsChanged, 412, "TERMS_CHANGED")]
    [InlineData(DomainErrorCode.InvitationQuotaExceeded, 429, "INVITATION_QUOTA_EXCEEDED")]
    public void Map_DomainException_UsesItsCode(DomainErrorCode code, int status, string problemCode)
    {
        var spec = ExceptionProblemMapper.Map(new DomainException(code, "Refused for a reason."));

        Assert.Equal(status, spec.Status);
        Assert.Equal(problemCode, spec.Code);
        Assert.Equal("Refused for a reason.", spec.Detail);
    }

    /// <summary>A state over the 400 KB item limit is the request's doing and cannot succeed on retry: a 4xx, never a 500.</summary>
    [Fact]
    public void Map_GrainStateTooLargeInsideOrleansWrapper_Is422RecordTooLargeWithoutGrainId()
    {
        var inner = new GrainStateTooLargeException("loan/0190", "loan", 409_638, 409_600);

        var spec = ExceptionProblemMapper.Map(new OrleansException("Error from storage provider", inner));

        Assert.Equal(422, spec.Status);
        Assert.Equal("RECORD_TOO_LARGE", spec.Code);
        Assert.DoesNotContain("loan/0190", spec.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_ValidationWithFieldErrors_KeepsThem()
    {
        var spec = ExceptionProblemMapper.Map(DomainException.Invalid("amount", "Too big."));

        Assert.Equal(["Too big."], spec.Errors!["amount"]);
    }

    [Fact]
    public void Map_InvitationQuotaExceeded_Is429WithTheTimeUntilTheQuotaRenews()
    {
        var spec = ExceptionProblemMapper.Map(new DomainException(DomainErrorCode.InvitationQuotaExceeded, "Quota used.") { RetryAfter = TimeSpan.FromHours(3) });

        Assert.Equal((429, "INVITATION_QUOTA_EXCEEDED", TimeSpan.FromHours(3)), (spec.Status, spec.Code, spec.RetryAfter));
    }

    [Fact]
    public void Map_StorageThrottled_Is429WithItsRetryAfter()
    {
        var spec = ExceptionProblemMapper.Map(new StorageThrottledException("busy", TimeSpan.FromSeconds(2.2)));

        Assert.Equal(429, spec.Status);
        Assert.Equal("TOO_MANY_REQUESTS", spec.Code);
        Assert.Equal(TimeSpan.FromSeconds(2.2), spec.RetryAfter);
    }

    [Fact]
    public void Map_StorageUnavailableWrappedByOrleans_Is503()
    {
        // The grain runtime wraps provider exceptions that are not OrleansExceptions.
        var wrapped = new OrleansException("Error from storage provider", new StorageUnavailableException("down", TimeSpan.FromSeconds(7)));

        var spec = ExceptionProblemMapper.Map(wrapped);

        Assert.Equal(503, spec.Status);
        Assert.Equal("SERVICE_UNAVAILABLE", spec.Code);
        Assert.Equal(TimeSpan.FromSeconds(7), spec.RetryAfter);
    }

    public static TheoryData<Exception> ClusterFailures => new()
    {
        new SiloUnavailableException(),
        new ConnectionFailedException("There are no available gateways."),
        new GatewayTooBusyException(),
        new TimeoutException("Response did not arrive on time"),
        new AggregateException(new TimeoutException()),
    };

    [Theory]
    [MemberData(nameof(ClusterFailures))]
    public void Map_ClusterConnectivityFailure_Is503WithRetryAfter(Exception exception)
    {
        var spec = ExceptionProblemMapper.Map(exception);

        Assert.Equal(503, spec.Status);
        Assert.Equal("SERVICE_UNAVAILABLE", spec.Code);
        Assert.NotNull(spec.RetryAfter);
        Assert.DoesNotContain(exception.Message.Length > 0 ? exception.Message : "\0", spec.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_UnknownException_Is500WithoutItsMessage()
    {
        var spec = ExceptionProblemMapper.Map(new InvalidOperationException("connection string Password=hunter2"));

        Assert.Equal(500, spec.Status);
        Assert.Equal("INTERNAL_ERROR", spec.Code);
        Assert.DoesNotContain("hunter2", spec.Detail, StringComparison.Ordinal);
        Assert.True(ExceptionProblemMapper.IsUnexpected(spec));
    }

    [Fact]
    public void Map_BadJsonBody_Is400NamingThePath()
    {
        var json = new JsonException("bad", "$.lenders[0].amount", 0, 10);
        var spec = ExceptionProblemMapper.Map(new BadHttpRequestException("Failed to read parameter \"CreateLoanRequest request\" from the request body as JSON.", json));

        Assert.Equal(400, spec.Status);
        Assert.Equal("VALIDATION_ERROR", spec.Code);
        Assert.True(spec.Errors!.ContainsKey("lenders[0].amount"));
    }

    [Fact]
    public void Map_UnbindableQueryParameter_Is400NamingTheParameter()
    {
        var spec = ExceptionProblemMapper.Map(new BadHttpRequestException("Failed to bind parameter \"Nullable<int> limit\" from \"abc\"."));

        Assert.Equal(400, spec.Status);
        Assert.True(spec.Errors!.ContainsKey("limit"));
        Assert.DoesNotContain("abc", spec.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_BodyTooLarge_KeepsTheStatus()
    {
        var spec = ExceptionProblemMapper.Map(new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge));

        Assert.Equal(413, spec.Status);
        Assert.Equal("PAYLOAD_TOO_LARGE", spec.Code);
    }

    [Theory]
    [InlineData(null, "body")]
    [InlineData("$", "body")]
    [InlineData("$.amount", "amount")]
    [InlineData("$.ach.routing_number", "ach.routing_number")]
    public void JsonPathToField_StripsTheRoot(string? path, string field) =>
        Assert.Equal(field, ExceptionProblemMapper.JsonPathToField(path));
}
