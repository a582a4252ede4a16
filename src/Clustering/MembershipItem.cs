using System.Globalization;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;

namespace PrivateLending.Clustering;

/// <summary>
/// The one item per cluster that holds the whole membership table, so every change is a single conditional write:
/// <c>PK</c> = cluster id, <c>Version</c> (number), <c>Members</c> (map: silo address → {<c>ETag</c>, <c>Entry</c> JSON})
/// and <c>Alive</c> (map: silo address → last I-am-alive time), kept apart so heartbeats never bump the version.
/// </summary>
internal static class MembershipItem
{
    public const string PartitionKey = "PK";
    public const string Version = "Version";
    public const string Members = "Members";
    public const string Alive = "Alive";
    public const string ETag = "ETag";
    public const string Entry = "Entry";
    public const string UpdatedAt = "UpdatedAt";

    public static Dictionary<string, AttributeValue> Key(string clusterId) => new() { [PartitionKey] = new AttributeValue(clusterId) };

    public static string SiloKey(SiloAddress silo) => silo.ToParsableString();

    public static string FormatVersion(int version) => version.ToString(CultureInfo.InvariantCulture);

    public static string FormatTime(DateTime time) =>
        (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc)).ToString("O", CultureInfo.InvariantCulture);

    public static DateTime ParseTime(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    public static AttributeValue EntryValue(MembershipEntry entry, string etag) => new()
    {
        M = new Dictionary<string, AttributeValue>
        {
            [ETag] = new AttributeValue(etag),
            [Entry] = new AttributeValue(MembershipEntryDocument.Serialize(entry)),
        },
    };

    public static string NewETag() => Guid.NewGuid().ToString("N");

    /// <summary>
    /// A strongly consistent read of the cluster's item; a missing item is an empty table at version 0. Entries this
    /// version cannot read are left out and handed to <paramref name="unreadable"/> (see <see cref="Parse"/>).
    /// </summary>
    public static async Task<MembershipTableData> ReadAsync(
        IAmazonDynamoDB client, string tableName, string clusterId, UnreadableEntryLog unreadable, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(
            new GetItemRequest { TableName = tableName, Key = Key(clusterId), ConsistentRead = true }, cancellationToken);
        return Parse(response.IsItemSet ? response.Item : null, unreadable);
    }

    /// <summary>
    /// The table in <paramref name="item"/>. An entry that cannot be read (a status name from a newer version, a
    /// changed format, a damaged value) is skipped and reported, as Orleans' own providers do: one bad entry must not
    /// make every membership read, and with it every silo and gateway list, fail.
    /// </summary>
    public static MembershipTableData Parse(Dictionary<string, AttributeValue>? item, UnreadableEntryLog unreadable)
    {
        ArgumentNullException.ThrowIfNull(unreadable);
        if (item is null || item.Count == 0)
        {
            return new MembershipTableData(new TableVersion(0, FormatVersion(0)));
        }

        var version = int.Parse(item[Version].N, NumberStyles.Integer, CultureInfo.InvariantCulture);
        var tableVersion = new TableVersion(version, FormatVersion(version));
        var alive = item.TryGetValue(Alive, out var aliveMap) && aliveMap.M is { } times ? times : [];
        var members = new List<Tuple<MembershipEntry, string>>();
        if (item.TryGetValue(Members, out var memberMap) && memberMap.M is { } entries)
        {
            foreach (var (siloKey, value) in entries)
            {
                try
                {
                    members.Add(ParseEntry(value, alive.GetValueOrDefault(siloKey)));
                }
                catch (Exception ex) when (ex is FormatException or JsonException or ArgumentException or OverflowException or IndexOutOfRangeException)
                {
                    unreadable.Report(siloKey, ex);
                }
            }
        }

        return new MembershipTableData(members, tableVersion);
    }

    private static Tuple<MembershipEntry, string> ParseEntry(AttributeValue value, AttributeValue? heartbeat)
    {
        var json = value.M?.GetValueOrDefault(Entry)?.S ?? throw new FormatException($"The entry has no string attribute '{Entry}'.");
        var etag = value.M.GetValueOrDefault(ETag)?.S ?? throw new FormatException($"The entry has no string attribute '{ETag}'.");
        var entry = MembershipEntryDocument.Deserialize(json);
        // Heartbeats live apart from the entry; the newer of the two is the silo's last sign of life. An unreadable
        // heartbeat only loses that heartbeat, not the entry.
        if (heartbeat?.S is { } text
            && DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var beat)
            && beat > entry.IAmAliveTime)
        {
            entry.IAmAliveTime = beat;
        }

        return Tuple.Create(entry, etag);
    }
}
