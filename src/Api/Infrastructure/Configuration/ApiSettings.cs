namespace PrivateLending.Api.Infrastructure.Configuration;

/// <summary>
/// How the API reaches the Orleans cluster (section <c>Cluster</c>, shared with the silos; not <c>Orleans</c>, which
/// Orleans reads itself).
/// </summary>
public sealed class OrleansClientSettings
{
    public const string Section = "Cluster";

    public string ClusterId { get; set; } = "privatelending";

    public string ServiceId { get; set; } = "privatelending";

    /// <summary>Gateway port on loopback; used only when <see cref="Mode"/> is <see cref="ClientClusteringMode.Static"/>.</summary>
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How the client finds gateways: the DynamoDB membership table (default) or one loopback gateway.</summary>
    public ClientClusteringMode Mode { get; set; } = ClientClusteringMode.DynamoDb;

    /// <summary>
    /// The cluster's shared client secret, sent with every grain call (silos refuse clients without it); required
    /// outside Development, the same as the silos' <c>Cluster:ClientSecret</c>.
    /// </summary>
    public string? ClientSecret { get; set; }
}

/// <summary>Values of <c>Cluster:Mode</c> for the API.</summary>
public enum ClientClusteringMode
{
    /// <summary>Every Active silo's gateway, read from the membership table (<c>DynamoDb:*</c> settings).</summary>
    DynamoDb,

    /// <summary>One gateway on this host at <c>Cluster:GatewayPort</c>.</summary>
    Static,
}

/// <summary>Access tokens (section <c>Jwt</c>); the signing key rules live in <see cref="JwtSettingsValidator"/>.</summary>
public sealed class JwtSettings
{
    public const string Section = "Jwt";

    /// <summary>HMAC-SHA256 key as text, at least 32 bytes of UTF-8; only Development may omit it.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "privatelending";

    public string Audience { get; set; } = "privatelending";

    /// <summary>Access tokens are short: a refresh token (rotated on use) renews them.</summary>
    public int AccessTokenMinutes { get; set; } = 15;

    /// <summary>
    /// How long an API instance trusts its last answer to "is this session still open?". The instance that ends a
    /// session forgets it at once; the others within this many seconds.
    /// </summary>
    public double SessionCheckSeconds { get; set; } = 5;
}

/// <summary>Browser origins allowed to call the API (section <c>Cors</c>); none by default.</summary>
public sealed class CorsSettings
{
    public const string Section = "Cors";

    public string[] AllowedOrigins { get; set; } = [];
}

/// <summary>Per-user and login limits (section <c>RateLimiting</c>).</summary>
public sealed class RateLimitingSettings
{
    public const string Section = "RateLimiting";

    public int PermitsPerSecond { get; set; } = 50;

    public int Burst { get; set; } = 100;

    public int LoginPermitsPerMinute { get; set; } = 10;

    /// <summary>Register and login requests per client IP and minute, together (each may cost a password hash).</summary>
    public int AuthPermitsPerMinute { get; set; } = 30;
}

/// <summary>Where Prometheus scrapes the API (section <c>Metrics</c>); see <c>MetricsSetup</c>.</summary>
public sealed class MetricsSettings
{
    public const string Section = "Metrics";

    public const string UrlKey = Section + ":" + nameof(Url);

    /// <summary>
    /// The management address serving <c>/metrics</c> and nothing else, e.g. <c>http://+:9464</c>; a port apart from
    /// the API's. Unset: no scrape endpoint.
    /// </summary>
    public string? Url { get; set; }
}

/// <summary>
/// The one log line per completed request (section <c>RequestLogging</c>). Every request logs at Information by
/// default, so operators can find any caller's request; at thousands of requests per second the line is a
/// measurable share of the API's CPU, and <see cref="SuccessLevel"/> Debug drops the successful ones.
/// </summary>
public sealed class RequestLoggingSettings
{
    public const string Section = "RequestLogging";

    /// <summary>Level for a 1xx–3xx answer that took less than <see cref="SlowRequestMilliseconds"/>.</summary>
    public Serilog.Events.LogEventLevel SuccessLevel { get; set; } = Serilog.Events.LogEventLevel.Information;

    /// <summary>Level for a 4xx answer (the client's mistake, or a 401/403/429) that was not slow.</summary>
    public Serilog.Events.LogEventLevel ClientErrorLevel { get; set; } = Serilog.Events.LogEventLevel.Information;

    /// <summary>A request taking at least this long logs at Warning, whatever its status (5xx stay Error).</summary>
    public int SlowRequestMilliseconds { get; set; } = 1000;
}
