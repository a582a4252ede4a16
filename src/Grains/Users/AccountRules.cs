namespace PrivateLending.Grains.Users;

/// <summary>When an account holds its address.</summary>
internal static class AccountRules
{
    /// <summary>
    /// Registered, and either proved or younger than <paramref name="unverifiedDays"/>. An expired sign-up signs in
    /// to nothing and the next registration replaces it.
    /// </summary>
    public static bool HoldsAddress(EmailState account, DateTimeOffset now, int unverifiedDays) =>
        account.Registered && (account.EmailVerified || now < account.CreatedAt.AddDays(unverifiedDays));
}
