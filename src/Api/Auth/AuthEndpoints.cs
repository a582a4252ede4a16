using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Api.Infrastructure.Idempotency;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Api.Infrastructure.RateLimiting;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

internal static class AuthEndpoints
{
    public static IEndpointRouteBuilder MapAuthEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth").AllowAnonymous();
        auth.MapPost("/register", RegisterAsync)
            .WithName("Register")
            .AcceptsIdempotencyKey()
            .WithSummary("Register")
            .WithDescription("Answers 202 the same way whether or not the email (compared case-insensitively) already has an "
                + "account, so it tells nobody which addresses are registered. A free address, or one whose account was "
                + "never verified (or expired unverified), gets a new account (email_verified false; sign in with the new "
                + "password) and a verification mail: whoever proves the inbox keeps it, and an unproved earlier account "
                + "loses the address. A verified address stays as it is and its owner is told by mail. Invitations sent to "
                + "the email are shown once it is verified. Honours Idempotency-Key.")
            .WithExamples(AuthExamples.Register, AuthExamples.Registration)
            .RequireRateLimiting(RateLimitingSetup.AuthPolicy)
            .ProducesProblems(StatusCodes.Status422UnprocessableEntity, StatusCodes.Status429TooManyRequests);
        auth.MapPost("/login", LoginAsync)
            .WithName("Login")
            .WithSummary("Log in")
            .WithDescription("Exchanges email and password for a bearer token (send it as Authorization: Bearer <token>; it "
                + "lasts 15 minutes) and a refresh token (POST /api/v1/auth/refresh renews both). One answer, 401, for an unknown email and a wrong password. Attempts are limited per client IP, per IP and "
                + "email, and per account: after 5 attempts without success the account is locked for 30 s, doubling up to "
                + "15 minutes (429 with Retry-After).")
            .WithExamples(AuthExamples.Login, AuthExamples.Token)
            .RequireRateLimiting(RateLimitingSetup.AuthPolicy)
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        return app;
    }

    private static async Task<Results<Accepted<RegistrationResponse>, ValidationProblem>> RegisterAsync(
        RegisterRequest request, HttpContext context, IClusterClient cluster, PasswordHashing passwords,
        IdempotencyKeys idempotency, EmailKeys keys, SessionCheck sessions)
    {
        var errors = AuthValidation.Register(request);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var email = request.Email!.Trim();
        var token = idempotency.TokenFor(context, request);
        var key = keys.For(email);
        var account = cluster.GetGrain<IAccountGrain>(key);
        // A replay answers without a password hash; everything else hashes, taken address or not, so the time
        // taken does not tell either.
        var result = await account.ReplayRegistrationAsync(token)
            ?? await account.RegisterAsync(new RegisterUser(email, request.Name!.Trim(), passwords.Hash(request.Password!), token));
        // An unproved account may just have lost the address: its sessions end on this instance at once.
        sessions.Forget(key);
        IdempotencyKeys.MarkReplayed(context.Response, result.Replayed);
        return TypedResults.Accepted((string?)null, AuthExamples.RegistrationFor(email));
    }

    private static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> LoginAsync(
        LoginRequest request, HttpContext context, IClusterClient cluster, PasswordHashing passwords,
        TokenIssuer tokens, LoginThrottle throttle, EmailKeys keys)
    {
        var errors = AuthValidation.Login(request);
        if (!errors.IsEmpty)
        {
            return ApiResults.Invalid(errors);
        }

        var normalized = EmailAddress.Normalize(request.Email!);
        if (!throttle.TryAcquire(context, normalized, out var retryAfter))
        {
            return ApiResults.TooManyRequests(context, retryAfter, "Too many login attempts. Try again later.");
        }

        var account = cluster.GetGrain<IAccountGrain>(keys.For(normalized));
        var start = await account.StartLoginAsync();
        if (start.RetryAfter is { } locked)
        {
            return ApiResults.TooManyRequests(context, locked, "Too many failed login attempts for this email. Try again later.");
        }

        var credentials = start.Credentials;
        var verified = credentials is null
            ? passwords.VerifyMissingUser(request.Password!)
            : passwords.Verify(credentials.PasswordHash, request.Password!);
        if (!verified || credentials is null)
        {
            // One answer for unknown email and wrong password, so login does not reveal who has an account.
            return ProblemEnricher.Result(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized,
                "The email or password is incorrect.");
        }

        // Null only when the password changed between the check and now: the old one no longer signs in.
        return await account.OpenSessionAsync(credentials.PasswordHash) is { } session
            ? TypedResults.Ok(tokens.Issue(session))
            : ProblemEnricher.Result(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "The email or password is incorrect.");
    }
}
