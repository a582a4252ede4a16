using PrivateLending.Api.Users;

namespace PrivateLending.Api.Auth;

/// <summary>Example values for the account operations in the OpenAPI document.</summary>
internal static class AuthExamples
{
    public static readonly RegisterRequest Register = new("bea@example.com", "correct-horse-battery", "Bea Borrower");

    public static readonly LoginRequest Login = new("bea@example.com", "correct-horse-battery");

    public static readonly UserResponse User = new(
        Loans.LoanExamples.BorrowerId, "bea@example.com", "Bea Borrower", ["user"],
        new DateTimeOffset(2026, 3, 1, 8, 0, 0, TimeSpan.Zero), EmailVerified: true);

    public static readonly TokenResponse Token = new("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…", "Bearer", 3600);
}
