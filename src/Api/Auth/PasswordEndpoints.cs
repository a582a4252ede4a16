using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Infrastructure.RateLimiting;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

/// <summary>Password change (signed in) and reset (by mail). Both end every session of the account.</summary>
internal static class PasswordEndpoints
{
    public static IEndpointRouteBuilder MapPasswordEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").RequireRateLimiting(RateLimitingSetup.AuthPolicy);
        auth.MapPost("/password", ChangeAsync)
            .RequireAuthorization()
            .WithName("ChangePassword")
            .WithSummary("Change my password")
            .WithDescription("Checks the current password (wrong guesses count towards the account's login back-off) and sets "
                + "the new one. Ends every session, this one included: sign in again with the new password.")
            .WithExamples(new PasswordChangeRequest("correct-horse-battery", "staple-horse-correct-battery"))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset", RequestResetAsync)
            .AllowAnonymous()
            .WithName("RequestPasswordReset")
            .WithSummary("Ask for a password-reset mail")
            .WithDescription("Always 202, whether or not the email has an account (nothing tells which do). An account gets a "
                + "mail with a link that works once, for 30 minutes; a few a day at most.")
            .WithExamples(new PasswordResetRequest("bea@example.com"))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);
        auth.MapPost("/password-reset/confirm", ConfirmResetAsync)
            .AllowAnonymous()
            .WithName("ConfirmPasswordReset")
            .WithSummary("Set a new password with a reset link")
            .WithDescription("Sets the new password with the token from the reset mail's link (single use, 30 minutes). The mail "
                + "proved the inbox, so the address becomes verified; an account that was not verified starts afresh as a new "
                + "identity. Ends every session.")
            .WithExamples(new PasswordResetConfirmRequest(
                "ZW0xX05XQjlQek8xb2Q4TGdYbXRQVTA5RkI3VHdicjdWdXJoUGU4clRvRzdjV0U.q3Zt0pH8kR2yJ5nW1xF7aL9cV4bN6mE0sT2uG8dK1iA",
                "staple-horse-correct-battery"))
            .ProducesProblems(StatusCodes.Status400BadRequest, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ChangeAsync(
        PasswordChangeRequest request, Caller caller, HttpContext context, IClusterClient cluster, PasswordHashing passwords,
        SessionCheck sessions)
    {
        var errors = new FieldErrors();
        errors.When(string.IsNullOrEmpty(request.CurrentPassword), "current_password", "Is required.");
        UserLimits.CheckPassword(errors, "new_password", request.NewPassword);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var account = cluster.GetGrain<IAccountGrain>(caller.EmailKey);
        var start = await account.StartLoginAsync();
        if (start.RetryAfter is { } locked)
        {
            return ApiResults.TooManyRequests(context, locked, "Too many failed password attempts for this account. Try again later.");
        }

        if (start.Credentials is not { } credentials || credentials.Profile.UserId != caller.UserId)
        {
            return ProblemEnricher.Result(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "The account no longer exists.");
        }

        if (!passwords.Verify(credentials.PasswordHash, request.CurrentPassword!))
        {
            return ApiResults.Invalid("current_password", "Is incorrect.");
        }

        await account.LoginSucceededAsync();
        var changed = await account.ChangePasswordAsync(caller.UserId, credentials.PasswordHash, passwords.Hash(request.NewPassword!));
        sessions.Forget(caller.EmailKey);
        return changed
            ? TypedResults.NoContent()
            : ProblemEnricher.Result(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized,
                "The password was changed meanwhile. Sign in again.");
    }

    private static async Task<Results<Accepted, ValidationProblem>> RequestResetAsync(
        PasswordResetRequest request, IClusterClient cluster, EmailKeys keys)
    {
        var errors = new FieldErrors();
        EmailAddress.Check(errors, "email", request.Email);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        await cluster.GetGrain<IAccountGrain>(keys.For(request.Email!)).RequestPasswordResetAsync();
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<NoContent, ValidationProblem, ProblemHttpResult>> ConfirmResetAsync(
        PasswordResetConfirmRequest request, IClusterClient cluster, PasswordHashing passwords, SessionCheck sessions)
    {
        var errors = new FieldErrors();
        UserLimits.CheckPassword(errors, "new_password", request.NewPassword);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        // The token is checked before the (deliberately slow) hash, so a guessed token costs no hashing.
        if (!EmailVerificationToken.TryParse(request.Token?.Trim(), out var key, out var secret)
            || !EmailKeys.IsKey(key)
            || !await cluster.GetGrain<IAccountGrain>(key).CheckPasswordResetAsync(secret)
            || !await cluster.GetGrain<IAccountGrain>(key).ResetPasswordAsync(secret, passwords.Hash(request.NewPassword!)))
        {
            return ProblemEnricher.Result(StatusCodes.Status400BadRequest, ProblemCodes.InvalidResetToken,
                "The reset link is invalid, was already used or has expired. Ask for a new one.");
        }

        sessions.Forget(key);
        return TypedResults.NoContent();
    }
}
