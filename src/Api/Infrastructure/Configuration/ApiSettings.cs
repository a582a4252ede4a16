namespace PrivateLending.Api.Infrastructure.Configuration;

/// <summary>How the API reaches the Orleans cluster (section <c>Orleans</c>).</summary>
public sealed class OrleansClientSettings
{
    public const string Section = "Orleans";

    public string ClusterId { get; set; } = "privatelending";

    public string ServiceId { get; set; } = "privatelending";

    public int GatewayPort { get; set; } = 30000;
}

/// <summary>Access tokens (section <c>Jwt</c>); the signing key rules live in <see cref="JwtSettingsValidator"/>.</summary>
public sealed class JwtSettings
{
    public const string Section = "Jwt";

    /// <summary>HMAC-SHA256 key as text, at least 32 bytes of UTF-8; only Development may omit it.</summary>
    public string? SigningKey { get; set; }

    public string Issuer { get; set; } = "privatelending";

    public string Audience { get; set; } = "privatelending";

    public int AccessTokenMinutes { get; set; } = 60;
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
}

/// <summary>ASP.NET Core Data Protection (section <c>DataProtection</c>).</summary>
public sealed class DataProtectionSettings
{
    public const string Section = "DataProtection";

    /// <summary>Isolates this application's keys; also the key of the key-ring grain that stores them.</summary>
    public string ApplicationName { get; set; } = "privatelending";
}
