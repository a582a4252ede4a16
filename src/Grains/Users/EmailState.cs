using PrivateLending.Grains.Mail;

namespace PrivateLending.Grains.Users;

/// <summary>The account registered for one email (one grain per normalised email guards uniqueness).</summary>
[GenerateSerializer, Alias("PrivateLending.EmailState")]
public sealed class EmailState
{
    [Id(0)] public bool Registered { get; set; }
    [Id(1)] public Guid UserId { get; set; }

    /// <summary>Trimmed, as registered (for display); the grain key is the normalised form.</summary>
    [Id(2)] public string Email { get; set; } = "";

    [Id(3)] public string Name { get; set; } = "";
    [Id(4)] public string PasswordHash { get; set; } = "";
    [Id(5)] public List<string> Roles { get; set; } = [];
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public string? IdempotencyKey { get; set; }
    [Id(8)] public string? RequestHash { get; set; }

    /// <summary>The lender index has not yet acknowledged the account (re-sent on activation until it has).</summary>
    [Id(9)] public bool LinkPending { get; set; }

    /// <summary>The owner proved they read mail at this address (a verification link was used).</summary>
    [Id(10)] public bool EmailVerified { get; set; }

    /// <summary>SHA-256 of the secret in the newest verification link; the secret itself is never stored once sent.</summary>
    [Id(11)] public string? VerificationHash { get; set; }

    [Id(12)] public DateTimeOffset VerificationExpiresAt { get; set; }

    /// <summary>When the newest verification mail was queued (resending is limited from it).</summary>
    [Id(13)] public DateTimeOffset VerificationSentAt { get; set; }

    /// <summary>Mail queued for sending; removed once the mail server accepted it.</summary>
    [Id(14)] public List<OutgoingMail> Outbox { get; set; } = [];

    /// <summary>Open sessions (refresh-token families); a password change or reset empties it.</summary>
    [Id(15)] public List<AccountSession> Sessions { get; set; } = [];

    /// <summary>SHA-256 of the newest password-reset secret; null once used.</summary>
    [Id(16)] public string? ResetHash { get; set; }

    [Id(17)] public DateTimeOffset ResetExpiresAt { get; set; }

    /// <summary>The day (UTC) the mail counters below count for.</summary>
    [Id(18)] public DateOnly QuotaDay { get; set; }

    /// <summary>Verification mails resent on <see cref="QuotaDay"/>.</summary>
    [Id(19)] public int VerificationMailsToday { get; set; }

    /// <summary>Password-reset mails sent on <see cref="QuotaDay"/>.</summary>
    [Id(20)] public int ResetMailsToday { get; set; }

    /// <summary>When the owner was last told that someone tried to register their address (at most daily).</summary>
    [Id(21)] public DateTimeOffset RegistrationNoticeAt { get; set; }

    /// <summary>Audit entries written with the change, delivered after the write and re-sent until acknowledged.</summary>
    [Id(50)] public List<Abstractions.Audit.AuditEntry> AuditOutbox { get; set; } = [];

    /// <summary>A copy to change and commit (the stored state is replaced only once the write succeeded).</summary>
    public EmailState Copy() => new()
    {
        Registered = Registered,
        UserId = UserId,
        Email = Email,
        Name = Name,
        PasswordHash = PasswordHash,
        Roles = [.. Roles],
        CreatedAt = CreatedAt,
        IdempotencyKey = IdempotencyKey,
        RequestHash = RequestHash,
        LinkPending = LinkPending,
        EmailVerified = EmailVerified,
        VerificationHash = VerificationHash,
        VerificationExpiresAt = VerificationExpiresAt,
        VerificationSentAt = VerificationSentAt,
        Outbox = [.. Outbox],
        Sessions = [.. Sessions.Select(s => s.Copy())],
        ResetHash = ResetHash,
        ResetExpiresAt = ResetExpiresAt,
        QuotaDay = QuotaDay,
        VerificationMailsToday = VerificationMailsToday,
        ResetMailsToday = ResetMailsToday,
        RegistrationNoticeAt = RegistrationNoticeAt,
        AuditOutbox = [.. AuditOutbox],
    };
}

/// <summary>
/// One session: a refresh-token family. Only hashes are kept; the secrets rotated away are remembered so that a
/// second use of one (someone holds a copy) ends the session for everybody holding it.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.AccountSession")]
public sealed class AccountSession
{
    [Id(0)] public Guid SessionId { get; set; }
    [Id(1)] public string RefreshHash { get; set; } = "";
    [Id(2)] public List<string> RotatedHashes { get; set; } = [];
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public DateTimeOffset ExpiresAt { get; set; }

    public AccountSession Copy() => new()
    {
        SessionId = SessionId,
        RefreshHash = RefreshHash,
        RotatedHashes = [.. RotatedHashes],
        CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt,
    };
}
