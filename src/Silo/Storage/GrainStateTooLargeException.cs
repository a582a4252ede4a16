namespace PrivateLending.Silo.Storage;

/// <summary>
/// A grain state would exceed DynamoDB's 400 KB item limit. Raised before anything is sent, so the stored state is untouched.
/// </summary>
public sealed class GrainStateTooLargeException : Exception
{
    public GrainStateTooLargeException() : base("Grain state is too large for one DynamoDB item.") { }

    public GrainStateTooLargeException(string message) : base(message) { }

    public GrainStateTooLargeException(string message, Exception innerException) : base(message, innerException) { }

    public GrainStateTooLargeException(string grainId, string stateName, long itemBytes, long limitBytes)
        : base($"Grain state '{stateName}' of grain {grainId} would make a DynamoDB item of {itemBytes} bytes, over the limit of {limitBytes} bytes; nothing was written.")
    {
        GrainId = grainId;
        StateName = stateName;
        ItemBytes = itemBytes;
        LimitBytes = limitBytes;
    }

    /// <summary>The grain whose state was refused.</summary>
    public string? GrainId { get; }

    /// <summary>The state name (the provider's "grain type" argument).</summary>
    public string? StateName { get; }

    /// <summary>Size of the item that would have been written, counted as DynamoDB does.</summary>
    public long ItemBytes { get; }

    /// <summary>DynamoDB's item size limit.</summary>
    public long LimitBytes { get; }
}
