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
    /// Creates the account, or replaces an unverified (or expired) one: until an address is proved, a new
    /// registration wins and the older, unproved account loses the address. A verified address stays as it is and
    /// its owner is told by mail (at most daily). The result is the account now holding the address; callers must
    /// not show it, so that register answers the same for taken and free addresses.
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
    /// link and <paramref name="userId"/> is the account that registered (the caller's own session), again true for
    /// that link once verified; false otherwise. Verifying links the account to its invitations.
    /// </summary>
    Task<bool> VerifyEmailAsync(Guid userId, string secret);

    /// <summary>
    /// Queues a new verification mail (the older links stop working). Null when queued or already verified;
    /// otherwise how long to wait before asking again (a minute between mails, a few a day).
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
    /// The answer to a repeated registration, decided before any password is hashed: the account when this is a
    /// replay of the same idempotent request (IdempotencyKeyReused for another request with that key); null otherwise.
    /// </summary>
    Task<CommandResult<UserProfile>?> ReplayRegistrationAsync(IdempotencyToken? idempotency);

    /// <summary>
    /// Opens a session after a right password: null when <paramref name="verifiedPasswordHash"/> is no longer the
    /// account's (changed meanwhile). Clears the login back-off like <see cref="LoginSucceededAsync"/>.
    /// </summary>
    Task<SessionTokens?> OpenSessionAsync(string verifiedPasswordHash);

    /// <summary>
    /// Rotates a session's refresh secret. Null when unknown or expired; a secret that was already rotated away
    /// (a stolen copy used, or the owner's after the thief's) ends the whole session.
    /// </summary>
    Task<SessionTokens?> RefreshSessionAsync(Guid sessionId, string refreshSecret);

    /// <summary>Ends one session (sign-out); nothing when it is already gone.</summary>
    Task EndSessionAsync(Guid userId, Guid sessionId);

    /// <summary>True while the session is open for that account (asked on requests, cached briefly by the API).</summary>
    [AlwaysInterleave]
    Task<bool> IsSessionActiveAsync(Guid userId, Guid sessionId);

    /// <summary>
    /// Sets a new password hash when the account is <paramref name="userId"/> and its hash is still
    /// <paramref name="currentPasswordHash"/> (the one the caller's password was checked against); ends every session.
    /// </summary>
    Task<bool> ChangePasswordAsync(Guid userId, string currentPasswordHash, string newPasswordHash);

    /// <summary>Queues a password-reset mail (single-use link, 30 minutes) when the address has an account; a few a day.</summary>
    Task RequestPasswordResetAsync();

    /// <summary>True when <paramref name="secret"/> is the newest, unused, unexpired reset secret (checked before hashing).</summary>
    [AlwaysInterleave]
    Task<bool> CheckPasswordResetAsync(string secret);

    /// <summary>
    /// Uses a reset secret: sets the password, marks the address verified (the mail proved the inbox), ends every
    /// session. An unverified account becomes a new identity (its former holder loses everything it did).
    /// </summary>
    Task<bool> ResetPasswordAsync(string secret, string newPasswordHash);

    /// <summary>
    /// Records the use of an events ticket; false when it was used before (tickets are single-use). Kept in memory
    /// for the ticket's short lifetime: the one activation of this account sees every API instance's uses.
    /// </summary>
    [AlwaysInterleave]
    Task<bool> UseEventsTicketAsync(Guid ticketId, DateTimeOffset expiresAt);
}
