using Orleans.Concurrency;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Users;

/// <summary>
/// One grain per normalised email (<see cref="Rules.EmailAddress.Normalize"/>), keyed by <see cref="EmailKeys.For"/>: guards one account per email and
/// holds the account. Registering links invitations already sent to the email to the new account.
/// </summary>
public interface IAccountGrain : IGrainWithStringKey
{
    /// <summary>
    /// Creates the account. Throws <see cref="DomainException"/> with code Conflict when the
    /// email already has one (unless this is a replay of the same idempotent request).
    /// </summary>
    Task<CommandResult<UserProfile>> RegisterAsync(RegisterUser command);

    /// <summary>The account and its password hash, or null when the email has no account.</summary>
    Task<UserCredentials?> GetCredentialsAsync();

    /// <summary>
    /// The account, or null when the email has no account. Interleaves: a loan asks while inviting the email, and
    /// registering waits on that loan through the link (a cycle if this waited behind registering).
    /// </summary>
    [AlwaysInterleave]
    Task<UserProfile?> GetProfileAsync();

    /// <summary>
    /// Marks the address verified when <paramref name="secret"/> is the one in the newest, unexpired verification
    /// link (again true for that link once verified); false otherwise. Verifying links the account to its invitations.
    /// </summary>
    Task<bool> VerifyEmailAsync(string secret);

    /// <summary>
    /// Queues a new verification mail (the older links stop working). Null when queued or already verified;
    /// otherwise how long to wait before asking again.
    /// </summary>
    Task<TimeSpan?> ResendVerificationAsync();

    /// <summary>
    /// Starts a login: refuses it while the email is locked out after repeated failures (unknown emails alike, so the
    /// answer does not reveal which have accounts); otherwise returns what <see cref="GetCredentialsAsync"/> does.
    /// </summary>
    Task<LoginStart> StartLoginAsync();

    /// <summary>
    /// The password of a login started by <see cref="StartLoginAsync"/> was right: clears the failure count (every
    /// started attempt counts as a failure until then, so parallel guesses cannot outrun the count).
    /// </summary>
    Task LoginSucceededAsync();

    /// <summary>
    /// The answer to a repeated registration, decided before any password is hashed: null when the email has no
    /// account yet; the account when this is a replay of the same idempotent request; otherwise throws like
    /// <see cref="RegisterAsync"/> (Conflict, or IdempotencyKeyReused).
    /// </summary>
    Task<CommandResult<UserProfile>?> ReplayRegistrationAsync(IdempotencyToken? idempotency);
}
