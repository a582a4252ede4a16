namespace PrivateLending.Grains.Abstractions.Storage;

/// <summary>
/// A stored grain state cannot be read: its compressed form does not decompress, or its JSON does not fit the state
/// type. Nothing is handed to the grain; the stored item is left as it is for an operator to inspect.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.UnreadableGrainStateException")]
public sealed class UnreadableGrainStateException : Exception
{
    /// <summary>Creates the exception with no details.</summary>
    public UnreadableGrainStateException() : base("A stored grain state cannot be read.") { }

    /// <summary>Creates the exception with a message.</summary>
    public UnreadableGrainStateException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and an inner exception.</summary>
    public UnreadableGrainStateException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Creates the exception for the state <paramref name="stateName"/> of <paramref name="grainId"/>.</summary>
    public UnreadableGrainStateException(string grainId, string stateName, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        GrainId = grainId;
        StateName = stateName;
    }

    /// <summary>The grain whose stored state is unreadable.</summary>
    [Id(0)] public string? GrainId { get; init; }

    /// <summary>The state name (the provider's "grain type" argument).</summary>
    [Id(1)] public string? StateName { get; init; }
}
