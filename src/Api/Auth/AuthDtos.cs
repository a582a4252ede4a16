namespace PrivateLending.Api.Auth;

/// <summary>A new account: a sign-in email (one account per address), a password and a display name.</summary>
public sealed record RegisterRequest(string? Email, string? Password, string? Name)
{
    // Records print every member; a password must never reach a log through ToString.
    public override string ToString() => $"RegisterRequest {{ Email = {Email}, Password = ***, Name = {Name} }}";
}

/// <summary>Login with email and password.</summary>
public sealed record LoginRequest(string? Email, string? Password)
{
    public override string ToString() => $"LoginRequest {{ Email = {Email}, Password = *** }}";
}

/// <summary>A bearer access token and its lifetime in seconds.</summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn);
