namespace PrivateLending.Api.Auth;

/// <summary>Claim names as they appear in our tokens (inbound claim mapping is off, so they stay as written).</summary>
internal static class ApiClaims
{
    public const string Subject = "sub";
    public const string Email = "email";
    public const string Name = "name";
    public const string Roles = "roles";
    public const string EmailVerified = "email_verified";
    public const string SessionId = "sid";
}
