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

/// <summary>
/// A bearer access token and its lifetime in seconds, and the refresh token that renews it
/// (POST /auth/refresh; each use answers a new one and the old one stops working).
/// </summary>
public sealed record TokenResponse(string AccessToken, string TokenType, int ExpiresIn, string RefreshToken);

/// <summary>What register answers, whether or not the address already had an account.</summary>
public sealed record RegistrationResponse(string Email, string Detail);

/// <summary>A refresh token from login or an earlier refresh.</summary>
public sealed record RefreshRequest(string? RefreshToken)
{
    public override string ToString() => "RefreshRequest { RefreshToken = *** }";
}

/// <summary>The address to send a password-reset link to.</summary>
public sealed record PasswordResetRequest(string? Email);

/// <summary>The token from a password-reset link and the new password.</summary>
public sealed record PasswordResetConfirmRequest(string? Token, string? NewPassword)
{
    public override string ToString() => "PasswordResetConfirmRequest { Token = ***, NewPassword = *** }";
}

/// <summary>A signed-in password change: the current password and the new one.</summary>
public sealed record PasswordChangeRequest(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() => "PasswordChangeRequest { CurrentPassword = ***, NewPassword = *** }";
}

/// <summary>The session of the request's token has ended.</summary>
public sealed record SignedOutResponse(bool SignedOut);
