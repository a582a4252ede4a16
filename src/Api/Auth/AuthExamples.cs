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

    public static readonly TokenResponse Token = new("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9…", "Bearer", 900,
        "ZW0xX05XQjlQek8xb2Q4TGdYbXRQVTA5RkI3VHdicjdWdXJoUGU4clRvRzdjV0U.0f5c2a9e7b8d4c1e9a6b3d2c1f0e9d8c.q3Zt0pH8kR2yJ5nW1xF7aL9cV4bN6mE0sT2uG8dK1iA");

    public static readonly RegistrationResponse Registration = RegistrationFor("bea@example.com");

    /// <summary>The one answer to a registration, whatever the address's state.</summary>
    public static RegistrationResponse RegistrationFor(string email) => new(email,
        "If this address can be registered, a mail is on its way to it: open its link while signed in to confirm the address.");
}
