namespace PrivateLending.Grains.Abstractions.Storage;

/// <summary>
/// A grain state would exceed DynamoDB's 400 KB item limit. Raised before anything is sent, so the stored state is untouched.
/// Shared with clients (the API answers it as a 422 problem, not a 500): the change asked for would make the record too large.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.GrainStateTooLargeException")]
public sealed class GrainStateTooLargeException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public GrainStateTooLargeException() : base("Grain state is too large for one DynamoDB item.") { }

    /// <summary>Creates the exception with a message.</summary>
    public GrainStateTooLargeException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public GrainStateTooLargeException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for a refused item of <paramref name="itemBytes"/> bytes.</summary>
    public GrainStateTooLargeException(string grainId, string stateName, long itemBytes, long limitBytes)
        : base($"Grain state '{stateName}' of grain {grainId} would make a DynamoDB item of {itemBytes} bytes, over the limit of {limitBytes} bytes; nothing was written.")
    {
        GrainId = grainId;
        StateName = stateName;
        ItemBytes = itemBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The grain whose state was refused.</summary>
    [Id(0)] public string? GrainId { get; init; }

    /// <summary>The state name (the provider's "grain type" argument).</summary>
    [Id(1)] public string? StateName { get; init; }

    /// <summary>Size of the item that would have been written, counted as DynamoDB does.</summary>
    [Id(2)] public long ItemBytes { get; init; }

    /// <summary>DynamoDB's item size limit.</summary>
    [Id(3)] public long LimitBytes { get; init; }
}
