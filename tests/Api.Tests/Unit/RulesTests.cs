using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Json;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Infrastructure.RequestId;
using PrivateLending.Api.Loans;

namespace PrivateLending.Api.Tests.Unit;

public sealed class RulesTests
{
    [Theory]
    [InlineData("\"3\"", "Valid", 3)]
    [InlineData("W/\"12\"", "Valid", 12)]
    [InlineData("7", "Valid", 7)]
    [InlineData("", "Missing", 0)]
    [InlineData("*", "Invalid", 0)]
    [InlineData("\"-1\"", "Invalid", 0)]
    public void IfMatch_ReadsVersions(string header, string outcome, long version)
    {
        var context = new DefaultHttpContext();
        if (header.Length > 0)
        {
            context.Request.Headers.IfMatch = header;
        }

        Assert.Equal(outcome, IfMatch.TryRead(context.Request, out var read).ToString());
        Assert.Equal(version, read);
    }

    [Theory]
    [InlineData("abc-123_X.y:z", true)]
    [InlineData("", false)]
    [InlineData("has space", false)]
    [InlineData("new\nline", false)]
    public void RequestId_IsSane(string value, bool sane) => Assert.Equal(sane, RequestIdMiddleware.IsSane(value));

    [Fact]
    public void RequestId_TooLong_IsNotSane() => Assert.False(RequestIdMiddleware.IsSane(new string('a', 129)));

    [Fact]
    public void FieldSelection_KeepsListedMembersAndRejectsUnknownOnes()
    {
        var options = JsonSetup.CreateOptions();
        var value = new { LoanId = 1, Amount = 2m, Status = "PENDING" };

        var selected = FieldSelection.Select(value, "amount, loan_id,amount", options)!;
        Assert.Null(FieldSelection.Select(value, " ", options));
        var problem = Assert.Throws<ApiProblemException>(() => FieldSelection.Select(value, "amount,<script>", options));

        Assert.Equal(["amount", "loan_id"], selected.Select(p => p.Key));
        Assert.DoesNotContain("<script>", problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production", null, "Jwt:SigningKey is required outside Development")]
    [InlineData("Staging", null, "Jwt:SigningKey is required outside Development")]
    [InlineData("Production", "too-short", "Jwt:SigningKey must be at least 32 bytes")]
    [InlineData("Development", null, null)]
    [InlineData("Production", "a-production-key-that-is-long-enough-0123", null)]
    public void JwtSettings_SigningKeyRules(string environment, string? key, string? failure)
    {
        var validator = new JwtSettingsValidator(new HostingEnvironment { EnvironmentName = environment });

        var result = validator.Validate(null, new JwtSettings { SigningKey = key });

        if (failure is null)
        {
            Assert.True(result.Succeeded, result.FailureMessage);
        }
        else
        {
            Assert.Contains(failure, result.FailureMessage, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Settings_InvalidValues_NameTheSetting()
    {
        var development = new HostingEnvironment { EnvironmentName = Environments.Development };
        var orleans = new OrleansClientSettingsValidator(development).Validate(null, new OrleansClientSettings { GatewayPort = 0, ClusterId = "" });
        var cors = new CorsSettingsValidator().Validate(null, new CorsSettings { AllowedOrigins = ["https://ok.example.com", "not a url", "https://x.example.com/path"] });
        var limits = new RateLimitingSettingsValidator().Validate(null, new RateLimitingSettings { Burst = 0 });

        Assert.Contains("Cluster:GatewayPort", orleans.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cluster:ClusterId", orleans.FailureMessage, StringComparison.Ordinal);
        Assert.Equal(2, cors.Failures!.Count());
        Assert.Contains("Cors:AllowedOrigins", cors.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("RateLimiting:Burst", limits.FailureMessage, StringComparison.Ordinal);
        Assert.True(new OrleansClientSettingsValidator(development).Validate(null, new OrleansClientSettings()).Succeeded);
        // Outside Development the cluster's client secret is required, and a short one is refused anywhere.
        var production = new HostingEnvironment { EnvironmentName = Environments.Production };
        Assert.Contains("Cluster:ClientSecret is required", new OrleansClientSettingsValidator(production).Validate(null, new OrleansClientSettings()).FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Cluster:ClientSecret must have", new OrleansClientSettingsValidator(development).Validate(null, new OrleansClientSettings { ClientSecret = "short" }).FailureMessage, StringComparison.Ordinal);
        Assert.True(new RateLimitingSettingsValidator().Validate(null, new RateLimitingSettings()).Succeeded);
    }

    [Theory]
    [InlineData("ann@example..com")]
    [InlineData("ann@localhost")]
    [InlineData("ann\u0007x@example.com")]
    [InlineData("Ann <ann@example.com>")]
    public void AuthValidation_Register_RefusesWhatTheGrainRefuses(string email)
    {
        var errors = AuthValidation.Register(new RegisterRequest(email, "a-long-enough-password", "Ann")).ToDictionary();

        Assert.Equal(["email"], errors.Keys);
        Assert.False(PrivateLending.Grains.Abstractions.Rules.EmailAddress.IsValid(email));
    }

    [Fact]
    public void LoanValidation_MoreThan20Lenders_IsOneLendersError()
    {
        var many = Enumerable.Range(0, 21).Select(i => new LenderInviteRequest($"l{i}@example.com", 1m)).ToList();

        var errors = LoanValidation.Create(new CreateLoanRequest(1000m, 5m, 12, "x", many), "borrower@example.com", DateTimeOffset.UtcNow).ToDictionary();

        Assert.Equal(["lenders"], errors.Keys);
    }

    [Fact]
    public void Json_EnumsAreUppercaseAndMoneyIsANumber()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(
            new { Status = PrivateLending.Grains.Abstractions.Loans.LoanStatus.Funded, TotalFunded = 12.50m }, JsonSetup.CreateOptions());

        Assert.Equal("{\"status\":\"FUNDED\",\"total_funded\":12.50}", json);
        Assert.NotNull(JsonNode.Parse(json));
    }
}
