using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PrivateLending.Silo.Hosting;

/// <summary>Where the Orleans Dashboard (and /metrics) listen (section "Dashboard").</summary>
public sealed class DashboardSettings : IValidatableObject
{
    public const string Section = "Dashboard";

    /// <summary>Whether this silo collects dashboard statistics and serves the dashboard (it costs silo CPU on every call).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often the dashboard samples counters; longer intervals cost less CPU on busy silos.</summary>
    [Range(1000, 600_000)]
    public int CounterUpdateIntervalMs { get; set; } = 1000;

    /// <summary>Loopback by default: the dashboard shows the cluster's internals.</summary>
    [Required]
    public string Host { get; set; } = "127.0.0.1";

    [Range(1, 65535)]
    public int Port { get; set; } = 8080;

    /// <summary>Basic-auth user; required when <see cref="Host"/> is not a loopback address.</summary>
    public string? Username { get; set; }

    public string? Password { get; set; }

    public bool RequiresAuthentication => !string.IsNullOrEmpty(Username);

    public bool IsLoopback =>
        Host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (IPAddress.TryParse(Host, out var address) && IPAddress.IsLoopback(address));

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!IsLoopback && (string.IsNullOrEmpty(Username) || string.IsNullOrEmpty(Password)))
        {
            yield return new ValidationResult(
                "Dashboard:Username and Dashboard:Password are required when Dashboard:Host is not a loopback address.",
                [nameof(Username), nameof(Password)]);
        }

        if (!string.IsNullOrEmpty(Username) && (Password?.Length ?? 0) < 12)
        {
            yield return new ValidationResult("Dashboard:Password must have at least 12 characters.", [nameof(Password)]);
        }
    }
}
