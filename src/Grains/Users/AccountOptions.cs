namespace PrivateLending.Grains.Users;

/// <summary>Account lifetimes (the <c>Auth</c> settings section).</summary>
public sealed class AccountOptions
{
    public const string Section = "Auth";

    /// <summary>Days an unverified sign-up keeps its address; after that it is as if it never registered.</summary>
    public int UnverifiedAccountDays { get; set; } = 7;

    /// <summary>Days a session (its refresh token) lasts without a password being entered again.</summary>
    public int SessionDays { get; set; } = 30;
}
