using PrivateLending.Grains.Abstractions.Webhooks;

namespace PrivateLending.Grains.Webhooks;

/// <summary>
/// One webhook endpoint as stored (one item): settings, secrets, and its deliveries — every pending one (up to
/// <see cref="WebhookOptions.MaxPending"/>) and the newest finished ones (<see cref="WebhookOptions.KeptDeliveries"/>),
/// each with its newest attempts, so the item stays bounded. Changed on a <see cref="Clone"/> and swapped in after the write.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.WebhookState")]
public sealed class WebhookState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public Guid WebhookId { get; set; }
    [Id(2)] public Guid OwnerId { get; set; }
    [Id(3)] public string Url { get; set; } = "";
    [Id(4)] public List<string> Events { get; set; } = [];
    [Id(5)] public string? Description { get; set; }
    [Id(6)] public DateTimeOffset CreatedAt { get; set; }
    [Id(7)] public bool Enabled { get; set; }
    [Id(8)] public string? DisabledReason { get; set; }
    [Id(9)] public DateTimeOffset? DisabledAt { get; set; }

    /// <summary>Start of the current run of failed attempts (null after a success).</summary>
    [Id(10)] public DateTimeOffset? FailingSince { get; set; }

    /// <summary>
    /// The signing secret in clear, as versions before Data Protection stored it; still read (see
    /// <see cref="WebhookSecrets.ProtectAtRest"/>), never written: empty once the webhook is written again.
    /// </summary>
    [Id(11)] public string Secret { get; set; } = "";

    /// <summary>The previous secret in clear, from versions before Data Protection (as <see cref="Secret"/>).</summary>
    [Id(12)] public string? PreviousSecret { get; set; }
    [Id(13)] public DateTimeOffset? PreviousSecretExpiresAt { get; set; }

    /// <summary>Oldest first.</summary>
    [Id(14)] public List<WebhookDeliveryState> Deliveries { get; set; } = [];

    /// <summary>Audit entries written with the change that caused them and sent after the write (outbox).</summary>
    [Id(15)] public List<Abstractions.Audit.AuditEntry> AuditOutbox { get; set; } = [];

    /// <summary>The current signing secret, Data Protection ciphertext (purpose <see cref="WebhookSecrets.Purpose"/>).</summary>
    [Id(16)] public string? ProtectedSecret { get; set; }

    /// <summary>The previous secret while it is still signed with, protected like <see cref="ProtectedSecret"/>.</summary>
    [Id(17)] public string? ProtectedPreviousSecret { get; set; }

    public WebhookState Clone()
    {
        var copy = (WebhookState)MemberwiseClone();
        copy.Events = [.. Events];
        copy.Deliveries = Deliveries.ConvertAll(d => d.Clone());
        copy.AuditOutbox = [.. AuditOutbox];
        return copy;
    }
}

/// <summary>One event's delivery to this endpoint.</summary>
[GenerateSerializer, Alias("PrivateLending.WebhookDeliveryState")]
public sealed class WebhookDeliveryState
{
    /// <summary>The message id (<c>webhook-id</c> header), the same on every attempt and replay.</summary>
    [Id(0)] public string Id { get; set; } = "";
    [Id(1)] public string EventType { get; set; } = "";
    [Id(2)] public string Payload { get; set; } = "";
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the current run of attempts began (queued, replayed or re-enabled): retries stop <c>RetryFor</c> after it.</summary>
    [Id(4)] public DateTimeOffset QueuedAt { get; set; }
    [Id(5)] public WebhookDeliveryStatus Status { get; set; }
    [Id(6)] public DateTimeOffset? NextAttemptAt { get; set; }

    /// <summary>Failed attempts in the current run (drives the backoff).</summary>
    [Id(7)] public int Failures { get; set; }
    [Id(8)] public List<WebhookAttemptState> Attempts { get; set; } = [];

    public WebhookDeliveryState Clone()
    {
        var copy = (WebhookDeliveryState)MemberwiseClone();
        copy.Attempts = [.. Attempts];
        return copy;
    }
}

/// <summary>One attempt as stored (never changed once added).</summary>
[GenerateSerializer, Alias("PrivateLending.WebhookAttemptState")]
public sealed class WebhookAttemptState
{
    [Id(0)] public DateTimeOffset At { get; set; }
    [Id(1)] public int? StatusCode { get; set; }
    [Id(2)] public string? Error { get; set; }
    [Id(3)] public long DurationMs { get; set; }
}
