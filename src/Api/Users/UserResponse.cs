using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Api.Users;

/// <summary>An account as clients see it; the password hash never leaves the cluster.</summary>
public sealed record UserResponse(Guid UserId, string Email, string Name, IReadOnlyList<string> Roles, DateTimeOffset CreatedAt, bool EmailVerified)
{
    public static UserResponse From(UserProfile profile) =>
        new(profile.UserId, profile.Email, profile.Name, profile.Roles.IsDefault ? [] : profile.Roles, profile.CreatedAt, profile.EmailVerified);
}
