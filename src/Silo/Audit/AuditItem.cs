using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2.Model;
using PrivateLending.Grains.Abstractions.Audit;

namespace PrivateLending.Silo.Audit;

/// <summary>
/// One audit entry as a DynamoDB item: the entry id is the table key (so a re-sent entry lands on itself),
/// and three global secondary indexes, all sorted by <see cref="At"/> (time, then entry id), serve the
/// filters: by record, by actor, and by time for everything.
/// </summary>
internal static class AuditItem
{
    public const string Id = "id";
    public const string At = "at";
    public const string Log = "log";
    public const string Record = "record";
    public const string Actor = "actor";
    public const string RecordType = "rtype";
    public const string Entry = "entry";

    /// <summary>The single partition of the by-time index.</summary>
    public const string LogPartition = "audit";

    public const string ByTime = "by-time";
    public const string ByRecord = "by-record";
    public const string ByActor = "by-actor";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>UTC with seven fractional digits: fixed width, so text order is time order.</summary>
    public static string Time(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string SortKey(AuditEntry entry) => $"{Time(entry.At)}#{entry.EntryId}";

    public static string RecordKey(string recordType, string recordId) => $"{recordType}#{recordId}";

    public static string ActorKey(Guid actorId) => actorId.ToString("N");

    /// <summary>How many of the table's indexes (each projecting the whole item) hold <paramref name="item"/>: by time and by record always, by actor when it has one.</summary>
    public static int IndexesHolding(Dictionary<string, AttributeValue> item) => item.ContainsKey(Actor) ? 3 : 2;

    public static Dictionary<string, AttributeValue> ToItem(AuditEntry entry)
    {
        var item = new Dictionary<string, AttributeValue>
        {
            [Id] = new(entry.EntryId),
            [At] = new(SortKey(entry)),
            [Log] = new(LogPartition),
            [Record] = new(RecordKey(entry.RecordType, entry.RecordId)),
            [RecordType] = new(entry.RecordType),
            [Entry] = new(JsonSerializer.Serialize(entry, Json)),
        };
        if (entry.ActorId is { } actor)
        {
            item[Actor] = new(ActorKey(actor));
        }

        return item;
    }

    public static AuditEntry FromItem(Dictionary<string, AttributeValue> item) =>
        JsonSerializer.Deserialize<AuditEntry>(item[Entry].S, Json)
        ?? throw new InvalidDataException($"Audit item {item[Id].S} holds no entry.");
}
