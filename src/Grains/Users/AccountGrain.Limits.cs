using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Users;

namespace PrivateLending.Grains.Users;

/// <summary>
/// Abuse limits kept by the account's grain, so they hold across API instances and client IPs. The login back-off
/// lives in memory only: a storage write per failed attempt would itself be a lever (writes cost more than reads),
/// and losing the count when the grain deactivates or a silo restarts only shortens one lock-out; the per-IP limits
/// in the API still hold.
/// </summary>
public sealed partial class AccountGrain
{
    private readonly LoginBackoff _logins = new();

    public Task<LoginStart> StartLoginAsync()
    {
        // Unknown emails are counted and locked alike, so a 429 does not reveal which addresses have accounts.
        if (_logins.TryBegin(clock.GetUtcNow()) is { } wait)
        {
            return Task.FromResult(new LoginStart(null, wait));
        }

        var credentials = Active(state.State, clock.GetUtcNow()) ? new UserCredentials(Profile(), state.State.PasswordHash) : null;
        return Task.FromResult(new LoginStart(credentials, null));
    }

    public Task LoginSucceededAsync()
    {
        _logins.Succeeded();
        return Task.CompletedTask;
    }

    public Task<CommandResult<UserProfile>?> ReplayRegistrationAsync(IdempotencyToken? idempotency) =>
        Task.FromResult(Active(state.State, clock.GetUtcNow()) ? Replay(idempotency) : null);
}
