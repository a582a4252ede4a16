namespace PrivateLending.Grains.Abstractions.Storage;

/// <summary>
/// Grain storage refused requests for lack of capacity and retries did not get through.
/// Clients should answer 429 and try again after <see cref="RetryAfter"/>.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.StorageThrottledException")]
public sealed class StorageThrottledException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public StorageThrottledException() : this("Grain storage is throttling requests.", TimeSpan.FromSeconds(1)) { }

    /// <summary>Creates the exception with a message.</summary>
    public StorageThrottledException(string message) : this(message, TimeSpan.FromSeconds(1)) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public StorageThrottledException(string message, Exception innerException)
        : this(message, TimeSpan.FromSeconds(1), innerException) { }

    /// <summary>Creates the exception with a retry hint.</summary>
    public StorageThrottledException(string message, TimeSpan retryAfter, Exception? innerException = null)
        : base(message, innerException) => RetryAfter = retryAfter;

    /// <summary>How long a caller should wait before trying again.</summary>
    [Id(0)] public TimeSpan RetryAfter { get; init; }
}
