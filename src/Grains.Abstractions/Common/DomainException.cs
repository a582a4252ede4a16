namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>
/// A command was refused by a domain rule. Thrown before any state changes, so a refused command
/// never leaves a half-applied change behind.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.DomainException")]
public sealed class DomainException : Exception
{
    /// <summary>Creates a validation failure with no details.</summary>
    public DomainException() : this(DomainErrorCode.Validation, "The request is invalid.") { }

    /// <summary>Creates a validation failure with a message.</summary>
    public DomainException(string message) : this(DomainErrorCode.Validation, message) { }

    /// <summary>Creates a validation failure with a message and an inner exception.</summary>
    public DomainException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates a refusal with a code, a message and optional per-field errors.</summary>
    public DomainException(DomainErrorCode code, string message, IReadOnlyDictionary<string, string[]>? errors = null)
        : base(message)
    {
        Code = code;
        Errors = errors is null ? null : new Dictionary<string, string[]>(errors);
    }

    /// <summary>Why the command was refused.</summary>
    [Id(0)] public DomainErrorCode Code { get; init; }

    /// <summary>Field name (snake_case, as clients send it) to messages, for validation failures.</summary>
    [Id(1)] public Dictionary<string, string[]>? Errors { get; init; }

    /// <summary>For a refusal that lifts with time (a daily quota): how long until it does.</summary>
    [Id(2)] public TimeSpan? RetryAfter { get; init; }

    /// <summary>Creates a validation failure for one field.</summary>
    public static DomainException Invalid(string field, string message) =>
        new(DomainErrorCode.Validation, message, new Dictionary<string, string[]> { [field] = [message] });
}
