using System.Runtime.CompilerServices;
using Orleans.Runtime;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// What one grain activation has written through grain storage: the numbering of its writes (recorded in each item as
/// <see cref="GrainStateWriter"/>) and, per stored item, its last acknowledged write. The latter lets the provider
/// notice a store that answers with an item older than a write it already acknowledged.
/// </summary>
internal sealed class ActivationWrites
{
    // Weak keys: a collected activation takes its numbering and acknowledgements with it.
    private static readonly ConditionalWeakTable<IGrainContext, ActivationWrites> ByActivation = new();

    private readonly string _silo;
    private readonly string _activation;

    // Per item (table, partition key); an activation normally holds one or two states, so this stays tiny.
    private readonly Dictionary<(string Table, string PartitionKey), AcknowledgedWrite> _acknowledged = [];
    private long _sequence;

    private ActivationWrites(IGrainContext context)
    {
        _silo = context.Address.SiloAddress?.ToString() ?? "";
        _activation = context.ActivationId.ToString();
    }

    /// <summary>The grain activation running now; null outside a grain (tools, tests). Call before any await.</summary>
    public static ActivationWrites? Current(IGrainContextAccessor? contexts) =>
        RunningActivation(contexts) is { } context ? ByActivation.GetValue(context, static c => new ActivationWrites(c)) : null;

    /// <summary>Like <see cref="Current"/>, but null for an activation that has not written yet (reads create nothing).</summary>
    public static ActivationWrites? CurrentIfWritten(IGrainContextAccessor? contexts) =>
        RunningActivation(contexts) is { } context && ByActivation.TryGetValue(context, out var writes) ? writes : null;

    /// <summary>Numbers a new write of this activation (1, 2, …, across all its states).</summary>
    public GrainStateWriter NextWrite() => new(_silo, _activation, Interlocked.Increment(ref _sequence));

    /// <summary>Records a write (or clear) the store acknowledged; <paramref name="eTag"/> null for a deleted item.</summary>
    public void Acknowledge(string table, string partitionKey, string? eTag, long sequence)
    {
        lock (_acknowledged)
        {
            // A reentrant grain's writes may complete out of order: keep the highest-numbered one.
            if (!_acknowledged.TryGetValue((table, partitionKey), out var known) || known.Sequence < sequence)
            {
                _acknowledged[(table, partitionKey)] = new AcknowledgedWrite(eTag, sequence);
            }
        }
    }

    /// <summary>The last write of the item the store acknowledged to this activation; null if none.</summary>
    public AcknowledgedWrite? LastAcknowledged(string table, string partitionKey)
    {
        lock (_acknowledged)
        {
            return _acknowledged.TryGetValue((table, partitionKey), out var acknowledged) ? acknowledged : null;
        }
    }

    /// <summary>Whether this activation wrote an item with <paramref name="stored"/> recorded as its writer.</summary>
    public bool Wrote(GrainStateWriter? stored) =>
        stored is { } s && string.Equals(s.Activation, _activation, StringComparison.Ordinal) && string.Equals(s.Silo, _silo, StringComparison.Ordinal);

    // Outside a grain turn the accessor answers with the silo's hosted client, which is no activation.
    private static IGrainContext? RunningActivation(IGrainContextAccessor? contexts) =>
        contexts?.GrainContext is { GrainInstance: not null } context ? context : null;
}

/// <summary>A write the store acknowledged: the ETag it left (null after a delete) and its number among the activation's writes.</summary>
internal readonly record struct AcknowledgedWrite(string? ETag, long Sequence);
