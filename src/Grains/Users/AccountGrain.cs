using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrivateLending.Grains.Abstractions;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Lenders;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Abstractions.Users;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Users;

/// <summary>
/// One account per normalised email, keyed by the email's <see cref="EmailKeys"/> key (the address itself is kept
/// only in the state, which mail needs). Registering writes the account and queues a verification mail; verifying
/// the address links invitations already sent to the email (lender grain), retried until acknowledged. Until
/// then a squatter who registers someone else's address sees none of their invitations.
/// </summary>
// The grain type is the one this grain had as EmailGrain: stored state, reminders and grain ids are keyed by it.
[GrainType("email")]
public sealed partial class AccountGrain(
    [PersistentState("email", StorageNames.Users)] IPersistentState<EmailState> state,
    TimeProvider clock,
    IMailSender mail,
    IOptions<MailLinkOptions> links,
    IOptions<AccountOptions> options,
    EmailKeys emailKeys,
    ILogger<AccountGrain> logger) : Grain, IAccountGrain
{
    private readonly StateWriter<EmailState> _writer = new(state);
    private RetryTimer? _link;
    private RetryTimer? _mail;
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

        // Mail is sent from a timer turn (not interleaved: it removes what was sent in one write).
        _mail = new RetryTimer(this, _ => SendMailAsync(), interleave: false);
        if (state.State.Outbox.Count > 0)
        {
            _mail.Soon();
        }

        StartAuditDelivery();
        return Task.CompletedTask;
    }

    public async Task<CommandResult<UserProfile>> RegisterAsync(RegisterUser command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new FieldErrors();
        if (EmailAddress.Check(errors, "email", command.Email))
        {
            errors.When(emailKeys.For(command.Email) != this.GetPrimaryKeyString(), "email", "Must be the address this account is keyed by.");
        }

        UserLimits.Name.Check(errors, "name", command.Name);
        errors.When(string.IsNullOrEmpty(command.PasswordHash), "password", "Is required.");
        errors.ThrowIfAny();
        var now = clock.GetUtcNow();
        var current = state.State;
        if (Active(current, now))
        {
            if (command.Idempotency is { } token && token.Key == current.IdempotencyKey)
            {
                return Replay(command.Idempotency)!;
            }

            if (current.EmailVerified)
            {
                return await NotifyOwnerAsync(current, now);
            }
        }

        // Free, expired or unproved: a new account. An unproved one loses the address (and every session) here;
        // whoever proves the inbox keeps it.
        var next = new EmailState
        {
            Registered = true,
            UserId = Guid.CreateVersion7(),
            Email = command.Email.Trim(),
            Name = command.Name.Trim(),
            PasswordHash = command.PasswordHash,
            Roles = ["user"],
            CreatedAt = now,
            IdempotencyKey = command.Idempotency?.Key,
            RequestHash = command.Idempotency?.RequestHash,
            Outbox = [.. current.Outbox],
            AuditOutbox = [.. current.AuditOutbox],
        };
        VerificationMail.Issue(next, this.GetPrimaryKeyString(), links.Value.PublicBaseUrl, now);
        if (current.Registered)
        {
            UserAudit.Replaced(current, next);
        }

        UserAudit.Registered(next);
        await _writer.CommitAsync(this, next);
        _mail?.Soon();
        await DeliverAuditAsync();
        return new(Profile(), false);
    }

    public async Task<bool> VerifyEmailAsync(Guid userId, string secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var current = state.State;
        var now = clock.GetUtcNow();
        if (!Active(current, now) || current.UserId != userId || !VerificationMail.Matches(current.VerificationHash, secret))
        {
            return false;
        }

        if (current.EmailVerified)
        {
            return true;
        }

        if (now > current.VerificationExpiresAt)
        {
            return false;
        }

        var next = current.Copy();
        next.EmailVerified = true;
        next.LinkPending = true;
        UserAudit.Verified(current, next, now);
        await _writer.CommitAsync(this, next);
        await DeliverAuditAsync();

        // The verification stands even if linking fails now; LinkAsync retries until the lender index has it.
        // The lender grain shares this grain's key (both stand for the same email).
        await LinkAsync();
        return true;
    }

    public async Task<TimeSpan?> ResendVerificationAsync()
    {
        var current = state.State;
        var now = clock.GetUtcNow();
        if (!Active(current, now) || current.EmailVerified)
        {
            return null;
        }

        var wait = current.VerificationSentAt + VerificationMail.ResendInterval - now;
        if (wait > TimeSpan.Zero)
        {
            return wait;
        }

        var next = current.Copy();
        if (!MailQuota.TryTake(next, now, s => s.VerificationMailsToday++ < VerificationMail.MaxResendsPerDay))
        {
            return MailQuota.UntilTomorrow(now);
        }

        VerificationMail.Issue(next, this.GetPrimaryKeyString(), links.Value.PublicBaseUrl, now);
        UserAudit.VerificationResent(current, next);
        await _writer.CommitAsync(this, next);
        _mail?.Soon();
        await DeliverAuditAsync();
        return null;
    }

    public Task<UserCredentials?> GetCredentialsAsync() =>
        Task.FromResult(Active(state.State, clock.GetUtcNow()) ? new UserCredentials(Profile(), state.State.PasswordHash) : null);

    public Task<UserProfile?> GetProfileAsync() => Task.FromResult(Active(state.State, clock.GetUtcNow()) ? Profile() : null);

    private bool Active(EmailState s, DateTimeOffset now) => AccountRules.HoldsAddress(s, now, options.Value.UnverifiedAccountDays);

    /// <summary>The stored answer to a retried idempotent registration; null when the key is not this account's.</summary>
    private CommandResult<UserProfile>? Replay(IdempotencyToken? token)
    {
        if (token is null || token.Key != state.State.IdempotencyKey)
        {
            return null;
        }

        return token.RequestHash == state.State.RequestHash
            ? new(Profile(), true)
            : throw new DomainException(DomainErrorCode.IdempotencyKeyReused, "This idempotency key was already used with a different request.");
    }

    /// <summary>Someone registered a proved address: its owner is told (at most daily), nothing else changes.</summary>
    private async Task<CommandResult<UserProfile>> NotifyOwnerAsync(EmailState current, DateTimeOffset now)
    {
        if (now - current.RegistrationNoticeAt >= TimeSpan.FromDays(1))
        {
            var next = current.Copy();
            next.RegistrationNoticeAt = now;
            next.Outbox.Add(AccountMail.RegistrationNotice(next, links.Value.PublicBaseUrl));
            await _writer.CommitAsync(this, next);
            _mail?.Soon();
        }

        return new(Profile(), false);
    }

    private UserProfile Profile() =>
        new(state.State.UserId, state.State.Email, state.State.Name, [.. state.State.Roles], state.State.CreatedAt,
            state.State.EmailVerified);
}
