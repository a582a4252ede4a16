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

    /// <summary>Audit entries written with the change, delivered after the write and re-sent until acknowledged.</summary>
    [Id(50)] public List<Abstractions.Audit.AuditEntry> AuditOutbox { get; set; } = [];
}
