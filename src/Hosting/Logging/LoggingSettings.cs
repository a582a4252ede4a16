namespace PrivateLending.Hosting.Logging;

/// <summary>How the console log is written.</summary>
public enum LogFormat
{
    /// <summary>One readable line per event: local use.</summary>
    Text,

    /// <summary>Serilog's compact JSON, one object per line: for a log store to query (production).</summary>
    Json,
}

/// <summary>The <c>Logging</c> settings of ours (the same section also holds .NET's own <c>LogLevel</c>, unused here: levels come from <c>Serilog</c>).</summary>
public sealed class LoggingSettings
{
    public const string Section = "Logging";

    /// <summary><c>text</c> (default) or <c>json</c>.</summary>
    public LogFormat Format { get; set; } = LogFormat.Text;
}
