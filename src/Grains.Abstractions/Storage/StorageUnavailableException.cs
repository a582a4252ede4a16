namespace PrivateLending.Grains.Abstractions.Storage;

/// <summary>
/// Grain storage could not be reached (connection refused, timed out, service error).
/// Clients should answer 503 and try again after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.StorageUnavailableException")]
public sealed class StorageUnavailableException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public StorageUnavailableException() : this("Grain storage is unavailable.", TimeSpan.FromSeconds(5)) { }

    /// <summary>Creates the exception with a message.</summary>
    public StorageUnavailableException(string message) : this(message, TimeSpan.FromSeconds(5)) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StorageUnavailableException(string message, Exception innerException)
        : this(message, TimeSpan.FromSeconds(5), innerException) { }

    /// <summary>Creates the exception with a retry hint.</summary>
    public StorageUnavailableException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException) => RetryAfter = retryAfter;

    /// <summary>How long a caller should wait before trying again.</summary>
    [Id(0)] public TimeSpan RetryAfter { get; init; }
}
