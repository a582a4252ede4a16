using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

/// <summary>Proving that an account's owner reads mail at its address (see docs/accounts.md).</summary>
internal static class VerificationEndpoints
{
    public static IEndpointRouteBuilder MapVerificationEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/verify-email", VerifyAsync)
            .RequireAuthorization()
            .WithName("VerifyEmail")
            .WithSummary("Verify an email address")
            .WithDescription("Confirms the signed-in account's email with the token from the verification mail's link (valid 24 "
                + "hours, only the newest one). The token must be for the caller's own account, the one that registered: a link "
                + "opened by anyone else (signed in as another account, or whose registration was replaced) answers 400. "
                + "Idempotent: the same token answers 200 again. Until verified an account sees no invitations and cannot "
                + "invite lenders.")
            .WithExamples(new VerifyEmailRequest("ZW0xX05XQjlQek8xb2Q4TGdYbXRQVTA5RkI3VHdicjdWdXJoUGU4clRvRzdjV0U.q3Zt0pH8kR2yJ5nW1xF7aL9cV4bN6mE0sT2uG8dK1iA"), new EmailVerifiedResponse(true))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized);
        auth.MapPost("/resend-verification", ResendAsync)
            .RequireAuthorization()
            .WithName("ResendVerification")
            .WithSummary("Resend the verification mail")
            .WithDescription("Queues a new verification mail for the signed-in account (older links stop working); 202 also "
                + "when already verified. At most one a minute and five a day: 429 with Retry-After otherwise.")
            .WithExamples(response: new EmailVerifiedResponse(false))
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Ok<EmailVerifiedResponse>, ProblemHttpResult>> VerifyAsync(
        VerifyEmailRequest request, Caller caller, IClusterClient cluster)
    {
        // Bound to the registrant: the token's account must be the caller's own, so the owner of an inbox opening a
        // link someone else's registration sent there cannot verify that account for them.
        if (!EmailVerificationToken.TryParse(request.Token?.Trim(), out var key, out var secret)
            || !string.Equals(key, caller.EmailKey, StringComparison.Ordinal)
            || !await cluster.GetGrain<IAccountGrain>(key).VerifyEmailAsync(caller.UserId, secret))
        {
            // One answer for malformed, unknown, replaced, expired and other accounts' tokens.
            return ProblemEnricher.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidVerificationToken,
                "The verification link is invalid, has expired or belongs to another account. Sign in with the account "
                + "that registered this address and ask for a new mail.");
        }

        return TypedResults.Ok(new EmailVerifiedResponse(true));
    }

    private static async Task<Results<Accepted<EmailVerifiedResponse>, ProblemHttpResult>> ResendAsync(Caller caller, HttpContext context, IClusterClient cluster)
    {
        var wait = await cluster.GetGrain<IAccountGrain>(caller.EmailKey).ResendVerificationAsync();
        return wait is { } retryAfter
            ? ApiResults.TooManyRequests(context, retryAfter, "A verification mail was sent less than a minute ago, or five were sent today.")
            : TypedResults.Accepted((string?)null, new EmailVerifiedResponse(caller.EmailVerified));
    }
}

/// <summary>The token from a verification link.</summary>
public sealed record VerifyEmailRequest(string? Token);

/// <summary>Whether the account's email is verified.</summary>
public sealed record EmailVerifiedResponse(bool EmailVerified);
