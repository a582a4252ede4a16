using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace PrivateLending.Silo.Storage;

/// <summary>Attribute layout of a grain state item and its size as DynamoDB counts it.</summary>
internal static class GrainStateItem
{
    /// <summary>DynamoDB's item size limit: attribute names plus values.</summary>
    public const int MaxItemBytes = 400 * 1024;

    public const string PartitionKey = "PK";
    public const string ETag = "ETag";
    public const string State = "State";

    /// <summary>The state's JSON gzip-compressed, in place of <see cref="State"/> (see <see cref="GrainStateCompression"/>).</summary>
    public const string StateGzip = "StateGzip";
    public const string Cleared = "Cleared";
    public const string ServiceId = "ServiceId";
    public const string StateName = "StateName";
    public const string GrainId = "GrainId";
    public const string UpdatedAt = "UpdatedAt";

    /// <summary>On a state's own item: the ids of the runs its listed properties are kept in, in order (see <see cref="StateRuns"/>).</summary>
    public const string Runs = "Runs";

    // Optional (absent on items written before they existed, or from outside a grain): see GrainStateWriter.
    public const string WriterSilo = "WriterSilo";
    public const string WriterActivation = "WriterActivation";
    public const string WriterSequence = "WriterSeq";

    /// <summary>An item holding state; <paramref name="json"/> null makes a tombstone (the state was cleared).</summary>
    public static Dictionary<string, AttributeValue> Create(GrainStateKey key, string eTag, string? json, DateTimeOffset now, GrainStateWriter? writer = null)
    {
        var item = new Dictionary<string, AttributeValue>(StringComparer.Ordinal)
        {
            [PartitionKey] = new() { S = key.PartitionKey },
            [ServiceId] = new() { S = key.ServiceId },
            [StateName] = new() { S = key.StateName },
            [GrainId] = new() { S = key.GrainId },
            [ETag] = new() { S = eTag },
            [UpdatedAt] = new() { S = now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture) },
        };

        if (writer is { } w)
        {
            if (w.Silo.Length > 0)
            {
                item[WriterSilo] = new() { S = w.Silo };
            }

            item[WriterActivation] = new() { S = w.Activation };
            item[WriterSequence] = new() { N = w.Sequence.ToString(CultureInfo.InvariantCulture) };
        }

        if (json is null)
        {
            item[Cleared] = new() { BOOL = true };
        }
        else
        {
            item[State] = new() { S = json };
        }

        return item;
    }

    public static Dictionary<string, AttributeValue> KeyOf(GrainStateKey key) => KeyOf(key.PartitionKey);

    public static Dictionary<string, AttributeValue> KeyOf(string partitionKey) =>
        new(StringComparer.Ordinal) { [PartitionKey] = new() { S = partitionKey } };

    /// <summary>
    /// A run item: its key, whose it is, and its elements' JSON in the same attribute as a state's, so whatever reads
    /// a grain's stored states (an operator, a test looking for secrets) finds its runs too.
    /// </summary>
    public static Dictionary<string, AttributeValue> CreateRun(string partitionKey, GrainStateKey owner, string json) =>
        new(StringComparer.Ordinal)
        {
            [PartitionKey] = new() { S = partitionKey },
            [StateName] = new() { S = owner.StateName },
            [GrainId] = new() { S = owner.GrainId },
            [State] = new() { S = json },
        };

    public static string? GetString(Dictionary<string, AttributeValue>? item, string name) =>
        item is not null && item.TryGetValue(name, out var value) ? value.S : null;

    /// <summary>Item size by DynamoDB's rules (<see cref="DynamoDbItemSize"/>).</summary>
    public static long SizeOf(Dictionary<string, AttributeValue> item) => DynamoDbItemSize.Of(item);
}
