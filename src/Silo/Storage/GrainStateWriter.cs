using System.Globalization;
using Amazon.DynamoDBv2.Model;

namespace PrivateLending.Silo.Storage;

/// <summary>
/// Which activation wrote an item, and its how-manieth write that was. Stored with every write made from a grain,
/// so a refused write can be explained: the stored writer against ours tells a late write of an earlier activation
/// from a second activation or a stale read. Numbered by <see cref="ActivationWrites"/>: per activation, not per state.
/// </summary>
internal readonly record struct GrainStateWriter(string Silo, string Activation, long Sequence)
{
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
