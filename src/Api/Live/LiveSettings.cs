using Microsoft.Extensions.Options;

namespace PrivateLending.Api.Live;

/// <summary>Server-sent events: heartbeats, per-user connection bound, browser tickets.</summary>
public sealed class LiveSettings
{
    public const string Section = "Live";

    /// <summary>A comment line is sent this often so proxies keep the connection and clients notice a dead one.</summary>
    public double HeartbeatSeconds { get; set; } = 15;

    /// <summary>Open event streams per user on one API instance; one more is refused with 429.</summary>
    public int MaxConnectionsPerUser { get; set; } = 10;

    /// <summary>How long an events ticket (for browsers' EventSource, which cannot send headers) stays valid.</summary>
    public int TicketSeconds { get; set; } = 60;

    /// <summary>Events held for a slow client; beyond it the oldest are dropped and the client gets a fresh snapshot.</summary>
    public int ClientBufferSize { get; set; } = 64;

    /// <summary>
    /// Open loans (still PENDING) whose loan streams one <c>/me/events</c> connection watches besides its own
    /// streams, for other lenders' funding changes; newest invitations first, further ones are not watched live.
    /// </summary>
    public int MaxWatchedLoans { get; set; } = 200;
}

internal sealed class LiveSettingsValidator : IValidateOptions<LiveSettings>
{
    public ValidateOptionsResult Validate(string? name, LiveSettings options)
    {
        var failures = new List<string>();
        if (!(options.HeartbeatSeconds is > 0 and <= 300))
        {
            failures.Add("Live:HeartbeatSeconds must be between 0 and 300 (exclusive of 0).");
        }

        if (options.MaxConnectionsPerUser is < 1 or > 1000)
        {
            failures.Add("Live:MaxConnectionsPerUser must be between 1 and 1000.");
        }

        if (options.TicketSeconds is < 5 or > 3600)
        {
            failures.Add("Live:TicketSeconds must be between 5 and 3600.");
        }

        if (options.ClientBufferSize is < 1 or > 10_000)
        {
            failures.Add("Live:ClientBufferSize must be between 1 and 10000.");
        }

        if (options.MaxWatchedLoans is < 0 or > 10_000)
        {
            failures.Add("Live:MaxWatchedLoans must be between 0 and 10000.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
