namespace PrivateLending.Grains.Webhooks;

/// <summary>The <c>Webhooks</c> settings: where webhooks may go, how they are retried, when an endpoint is disabled.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>Allow loopback targets (127.0.0.0/8, ::1, localhost): for tests and local use only.</summary>
    public bool AllowLoopback { get; set; }

    /// <summary>Allow private targets (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7). Link-local is never allowed.</summary>
    public bool AllowPrivateNetworks { get; set; }

    /// <summary>One attempt's whole time (connect, send, answer headers).</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay after the first failed attempt; each further failure multiplies it by <see cref="BackoffFactor"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    public double BackoffFactor { get; set; } = 4;

    /// <summary>The longest wait between two attempts.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(12);

    /// <summary>No attempt is made later than this after a delivery was queued (or replayed): it then fails.</summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromDays(3);

    /// <summary>An endpoint whose every attempt failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long the previous secret stays valid (and is signed with) after a rotation.</summary>
    public TimeSpan SecretOverlap { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The durable reminder's shortest period (Orleans refuses periods below its minimum, 1 minute by default): it
    /// wakes an endpoint whose next attempt is due after a restart; short waits use a grain timer while active.
    /// </summary>
    public TimeSpan ReminderPeriod { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Finished deliveries kept per endpoint (newest); pending ones are always kept, up to <see cref="MaxPending"/>.</summary>
    public int KeptDeliveries { get; set; } = 50;

    /// <summary>Pending deliveries per endpoint; past this the oldest pending one fails, so the state stays bounded.</summary>
    public int MaxPending { get; set; } = 100;

    /// <summary>Attempts kept per delivery (newest).</summary>
    public int KeptAttempts { get; set; } = 10;

    /// <summary>Endpoints per user.</summary>
    public int MaxEndpointsPerUser { get; set; } = 20;

    /// <summary>Deliveries sent at once per endpoint and pass.</summary>
    public int BatchSize { get; set; } = 10;
}
