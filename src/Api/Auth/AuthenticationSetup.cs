using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Api.Infrastructure.Problems;

namespace PrivateLending.Api.Auth;

internal static class AuthenticationSetup
{
    public static IServiceCollection AddApiAuthentication(this IServiceCollection services)
    {
        services.AddSingleton<SigningKeyProvider>();
        services.AddSingleton<TokenIssuer>();
        services.AddSingleton<SessionCheck>();
        services.AddSingleton<PasswordHashing>();
        services.AddOptions<PasswordHasherOptions>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtSettings>, SigningKeyProvider>(Configure);
        services.AddAuthorization();
        return services;
    }

    private static void Configure(JwtBearerOptions options, IOptions<JwtSettings> settings, SigningKeyProvider keys)
    {
        // Keep claim names as issued ("sub", "email", "roles") instead of mapping them to long URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = settings.Value.Issuer,
            ValidAudience = settings.Value.Audience,
            IssuerSigningKey = keys.SigningKey,
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            NameClaimType = ApiClaims.Name,
            RoleClaimType = ApiClaims.Roles,
            ClockSkew = TimeSpan.FromSeconds(30),
        };
        options.Events = new JwtBearerEvents
        {
            OnChallenge = WriteUnauthorizedAsync,
            OnTokenValidated = CheckSessionAsync,
            OnForbidden = WriteForbiddenAsync,
        };
    }

    /// <summary>A valid signature is not enough: the token's session must still be open (not signed out or revoked).</summary>
    private static async Task CheckSessionAsync(TokenValidatedContext context)
    {
        var sessions = context.HttpContext.RequestServices.GetRequiredService<SessionCheck>();
        if (context.Principal is null || !await sessions.IsOpenAsync(context.Principal))
        {
            context.Fail("The session has ended.");
        }
    }

    /// <summary>401 as a problem, instead of JwtBearer's empty body.</summary>
    private static async Task WriteUnauthorizedAsync(JwtBearerChallengeContext context)
    {
        context.HandleResponse();
        var http = context.HttpContext;
        var detail = context.AuthenticateFailure is null
            ? "A bearer token is required."
            : "The bearer token is invalid or has expired.";
        http.Response.StatusCode = StatusCodes.Status401Unauthorized;
        http.Response.Headers.WWWAuthenticate = context.AuthenticateFailure is null
            ? "Bearer"
            : "Bearer error=\"invalid_token\"";
        await WriteAsync(http, StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, detail);
    }

    private static Task WriteForbiddenAsync(ForbiddenContext context)
    {
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return WriteAsync(context.HttpContext, StatusCodes.Status403Forbidden, ProblemCodes.Forbidden,
            "You are not allowed to do this.");
    }

    private static async Task WriteAsync(HttpContext http, int status, string code, string detail)
    {
        var problems = http.RequestServices.GetRequiredService<IProblemDetailsService>();
        var problem = new ProblemDetails
        {
            Status = status,
            Title = ProblemText.TitleFor(status),
            Type = ProblemText.TypeFor(status),
            Detail = detail,
        };
        problem.Extensions[ProblemText.CodeMember] = code;
        await problems.WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
    }
}
