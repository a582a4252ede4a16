using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Auth;

/// <summary>
/// ASP.NET Core Identity's password hasher (PBKDF2, salted, versioned format). Login with an unknown email still
/// verifies against a dummy hash, so the response time does not tell whether the account exists.
/// </summary>
internal sealed class PasswordHashing
{
    private static readonly PasswordHashUser User = new();
    private readonly PasswordHasher<PasswordHashUser> _hasher;
    private readonly string _dummyHash;
    private long _operations;

    public PasswordHashing(IOptions<PasswordHasherOptions> options)
    {
        _hasher = new PasswordHasher<PasswordHashUser>(options);
        _dummyHash = _hasher.HashPassword(User, Guid.NewGuid().ToString("N"));
    }

    /// <summary>
    /// Hashes and verifications done so far: each costs a deliberate amount of CPU, so this is what abuse limits
    /// protect (and what tests watch to show that refused requests cost none).
    /// </summary>
    public long Operations => Interlocked.Read(ref _operations);

    public string Hash(string password)
    {
        Interlocked.Increment(ref _operations);
        return _hasher.HashPassword(User, password);
    }

    public bool Verify(string hash, string password)
    {
        Interlocked.Increment(ref _operations);
        return _hasher.VerifyHashedPassword(User, hash, password) is not PasswordVerificationResult.Failed;
    }

    /// <summary>Spends the time of a real verification and fails.</summary>
    public bool VerifyMissingUser(string password)
    {
        Interlocked.Increment(ref _operations);
        _hasher.VerifyHashedPassword(User, _dummyHash, password);
        return false;
    }

    /// <summary>The hasher's generic parameter; it carries nothing because the hash does not depend on the user.</summary>
    internal sealed class PasswordHashUser;
}
