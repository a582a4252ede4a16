using System.Globalization;
using System.Runtime.CompilerServices;
using Amazon.DynamoDBv2.Model;
using Orleans.Runtime;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Which activation wrote an item, and its how-manieth write that was. Stored with every write made from a grain,
/// so a refused write can be explained: the stored writer against ours tells a late write of an earlier activation
/// from a second activation or a stale read.
/// </summary>
internal readonly record struct GrainStateWriter(string Silo, string Activation, long Sequence)
{
    // Per activation, not per state: an activation's writes to all its states are numbered together. Weak keys, so a
    // collected activation takes its counter with it.
    private static readonly ConditionalWeakTable<IGrainContext, StrongBox<long>> Sequences = new();

    /// <summary>The grain activation running now and the number of this write; null outside a grain (tools, tests).</summary>
    public static GrainStateWriter? NextWrite(IGrainContextAccessor? contexts)
    {
        if (RunningActivation(contexts) is not { } context)
        {
            return null;
        }

        var sequence = Interlocked.Increment(ref Sequences.GetOrCreateValue(context).Value);
        return new(context.Address.SiloAddress?.ToString() ?? "", context.ActivationId.ToString(), sequence);
    }

    // Outside a grain turn the accessor answers with the silo's hosted client, which is no activation.
    private static IGrainContext? RunningActivation(IGrainContextAccessor? contexts) =>
        contexts?.GrainContext is { GrainInstance: not null } context ? context : null;

    /// <summary>The writer recorded in an item; null for items written before writers were recorded, or outside a grain.</summary>
    public static GrainStateWriter? Of(Dictionary<string, AttributeValue>? item)
    {
        if (item is null || GrainStateItem.GetString(item, GrainStateItem.WriterActivation) is not { } activation)
        {
            return null;
        }

        var sequence = item.TryGetValue(GrainStateItem.WriterSequence, out var n)
                       && long.TryParse(n.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
        return new(GrainStateItem.GetString(item, GrainStateItem.WriterSilo) ?? "", activation, sequence);
    }

    public override string ToString() => $"activation {Activation} on silo {Silo}, write #{Sequence.ToString(CultureInfo.InvariantCulture)}";
}
