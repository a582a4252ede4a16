using Microsoft.AspNetCore.Http.HttpResults;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Infrastructure.OpenApi;
using PrivateLending.Api.Infrastructure.Problems;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Users;

internal static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/me").WithTags("Users").RequireAuthorization();
        me.MapGet("/", GetMeAsync)
            .WithName("GetMe")
            .WithSummary("My profile")
            .WithDescription("The signed-in user's profile.")
            .WithExamples(response: AuthExamples.User)
            .ProducesProblems(StatusCodes.Status404NotFound);
        return app;
    }

    private static async Task<Results<Ok<UserResponse>, ProblemHttpResult>> GetMeAsync(Caller caller, IClusterClient cluster)
    {
        var profile = await cluster.GetGrain<IAccountGrain>(caller.EmailKey).GetProfileAsync();
        return profile is null || profile.UserId != caller.UserId
            ? ProblemEnricher.Result(StatusCodes.Status404NotFound, ProblemCodes.NotFound, "The account no longer exists.")
            : TypedResults.Ok(UserResponse.From(profile));
    }
}
