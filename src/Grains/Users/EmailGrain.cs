using Microsoft.Extensions.Logging;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Common;

namespace PrivateLending.Grains.Users;

/// <summary>
/// One account per normalised email. Registering writes the account once, then links invitations already sent
/// to the email (lender grain) so the new user sees them at once; the link is retried until acknowledged.
/// </summary>
public sealed partial class EmailGrain(
    [PersistentState("email", StorageNames.Users)] IPersistentState<EmailState> state,
    TimeProvider clock,
    ILogger<EmailGrain> logger) : Grain, IEmailGrain
{
    private readonly StateWriter<EmailState> _writer = new(state);
    private RetryTimer? _link;
    private bool _linkAcknowledged;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // Interleaving: a slow link retry must not hold up logins (it only reads the immutable account).
        // The account is written once, so LinkPending stays stored: each activation re-sends the link once and the
        // lender index, already linked, ignores it. Recording the acknowledgement would need a write on deactivation.
        _link = new RetryTimer(this, _ => LinkAsync(), interleave: true);
        if (state.State is { Registered: true, LinkPending: true })
        {
            _link.Soon();
        }

        return Task.CompletedTask;
    }

    public async Task<CommandResult<UserProfile>> RegisterAsync(RegisterUser command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new FieldErrors();
        if (EmailAddress.Check(errors, "email", command.Email))
        {
            errors.When(EmailAddress.Normalize(command.Email) != this.GetPrimaryKeyString(), "email", "Must be the address this account is keyed by.");
        }

        UserLimits.Name.Check(errors, "name", command.Name);
        errors.When(string.IsNullOrEmpty(command.PasswordHash), "password", "Is required.");
        errors.ThrowIfAny();
        if (state.State.Registered)
        {
            return Replay(command.Idempotency);
        }

        var next = new EmailState
        {
            Registered = true,
            UserId = Guid.CreateVersion7(),
            Email = command.Email.Trim(),
            Name = command.Name.Trim(),
            PasswordHash = command.PasswordHash,
            Roles = ["user"],
            CreatedAt = clock.GetUtcNow(),
            IdempotencyKey = command.Idempotency?.Key,
            RequestHash = command.Idempotency?.RequestHash,
            LinkPending = true,
        };
        await _writer.CommitAsync(this, next);

        // The account stands even if linking fails now; LinkAsync retries until the lender index has it.
        await LinkAsync();
        return new(Profile(), false);
    }

    public Task<UserCredentials?> GetCredentialsAsync() =>
        Task.FromResult(state.State.Registered ? new UserCredentials(Profile(), state.State.PasswordHash) : null);

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(state.State.Registered ? Profile() : null);

    private CommandResult<UserProfile> Replay(IdempotencyToken? token)
    {
        if (token is not null && token.Key == state.State.IdempotencyKey)
        {
            return token.RequestHash == state.State.RequestHash
                ? new(Profile(), true)
                : throw new DomainException(DomainErrorCode.IdempotencyKeyReused, "This idempotency key was already used with a different request.");
        }

        throw new DomainException(DomainErrorCode.Conflict, "This email is already registered.");
    }

    private async Task LinkAsync()
    {
        if (_linkAcknowledged || !state.State.LinkPending || _link is null)
        {
            return;
        }

        try
        {
            await GrainFactory.GetGrain<ILenderGrain>(this.GetPrimaryKeyString()).LinkAccountAsync(state.State.UserId, state.State.Name);
            _linkAcknowledged = true;
            _link.Succeeded();
        }
        catch (Exception ex)
        {
            LogLinkFailed(logger, state.State.UserId, ex);
            _link.Backoff();
        }
    }

    private UserProfile Profile() =>
        new(state.State.UserId, state.State.Email, state.State.Name, [.. state.State.Roles], state.State.CreatedAt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "User {UserId}: linking the account to its invitations failed; will retry")]
    private static partial void LogLinkFailed(ILogger logger, Guid userId, Exception exception);
}
