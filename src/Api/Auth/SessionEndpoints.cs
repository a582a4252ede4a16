using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Auth;

/// <summary>Sessions a user can end: refresh (rotating), sign-out (see docs/accounts.md).</summary>
internal static class SessionEndpoints
{
    public static IEndpointRouteBuilder MapSessionEndpoints(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/v1/auth").WithTags("Auth");
        auth.MapPost("/refresh", RefreshAsync)
            .AllowAnonymous()
            .WithName("RefreshSession")
            .WithSummary("Renew the access token")
            .WithDescription("Exchanges the refresh token for a new access token and a new refresh token; the one sent stops "
                + "working. Sending a refresh token that was already exchanged ends the whole session (someone else holds a "
                + "copy), and so does signing out or changing or resetting the password: 401 INVALID_REFRESH_TOKEN, sign in again.")
            .WithExamples(new RefreshRequest(AuthExamples.Token.RefreshToken), AuthExamples.Token)
            // No password hash to protect (the per-IP auth budget is for those): the general limits apply.
            .ProducesProblems(StatusCodes.Status401Unauthorized, StatusCodes.Status429TooManyRequests);
        auth.MapPost("/logout", LogoutAsync)
            .RequireAuthorization()
            .WithName("Logout")
            .WithSummary("Sign out")
            .WithDescription("Ends the session of the bearer token: its refresh token, its access tokens (however long they "
                + "had left) and its open event streams stop working. Other sessions of the account go on.")
            .WithExamples(response: new SignedOutResponse(true))
            .ProducesProblems(StatusCodes.Status401Unauthorized);
        return app;
    }

    private static async Task<Results<Ok<TokenResponse>, ProblemHttpResult>> RefreshAsync(
        RefreshRequest request, IClusterClient cluster, TokenIssuer tokens, SessionCheck sessions)
    {
        if (!RefreshTokens.TryParse(request.RefreshToken, out var key, out var sessionId, out var secret))
        {
            return Invalid();
        }

        var session = await cluster.GetGrain<IAccountGrain>(key).RefreshSessionAsync(sessionId, secret);
        if (session is null)
        {
            // A reused token may just have ended its session: forget what this instance remembered about it.
            sessions.Forget(key);
            return Invalid();
        }

        return TypedResults.Ok(tokens.Issue(session));
    }

    private static async Task<Ok<SignedOutResponse>> LogoutAsync(Caller caller, IClusterClient cluster, SessionCheck sessions)
    {
        await cluster.GetGrain<IAccountGrain>(caller.EmailKey).EndSessionAsync(caller.UserId, caller.SessionId);
        sessions.Forget(caller.EmailKey);
        return TypedResults.Ok(new SignedOutResponse(true));
    }

    private static ProblemHttpResult Invalid() =>
        ProblemEnricher.Result(StatusCodes.Status401Unauthorized, ProblemCodes.InvalidRefreshToken,
            "The refresh token is invalid, was already used or its session has ended. Sign in again.");
}
