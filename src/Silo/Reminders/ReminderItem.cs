using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;
using Orleans;
using Orleans.Runtime;

namespace PrivateLending.Silo.Reminders;

/// <summary>
/// One reminder as a DynamoDB item. <c>PK</c> = <c>{serviceId}|{bucket}</c>, where the bucket is the top
/// <see cref="BucketBits"/> bits of the grain's uniform hash, so a hash-range read touches only the buckets it spans;
/// <c>SK</c> = <c>{hash as 8 hex digits}|{grain id, escaped}|{reminder name}</c>, so that a range is one sort-key
/// <c>BETWEEN</c> per bucket and a grain's reminders share a prefix.
/// </summary>
internal static class ReminderItem
{
    /// <summary>16 buckets. Part of the stored format: changing it makes existing reminders unreadable.</summary>
    public const int BucketBits = 4;

    public const string PartitionKey = "PK";
    public const string SortKey = "SK";
    public const string GrainIdAttribute = "GrainId";
    public const string NameAttribute = "Name";
    public const string HashAttribute = "Hash";
    public const string StartAtAttribute = "StartAt";
    public const string PeriodAttribute = "PeriodTicks";
    public const string ETagAttribute = "ETag";

    /// <summary>Sorts after '|' and every hex digit, so <c>{hash}~</c> bounds all keys of that hash.</summary>
    private const char AfterHash = '~';

    public static uint BucketCount => 1u << BucketBits;

    public static uint Bucket(uint hash) => hash >> (32 - BucketBits);

    public static uint BucketStart(uint bucket) => bucket << (32 - BucketBits);

    public static uint BucketEnd(uint bucket) => bucket == BucketCount - 1 ? uint.MaxValue : BucketStart(bucket + 1) - 1;

    public static string Partition(string serviceId, uint bucket) => $"{serviceId}|{bucket.ToString("X", CultureInfo.InvariantCulture)}";

    public static string HashPrefix(uint hash) => hash.ToString("X8", CultureInfo.InvariantCulture);

    public static string HashUpperBound(uint hash) => HashPrefix(hash) + AfterHash;

    public static string GrainPrefix(GrainId grainId) => $"{HashPrefix(grainId.GetUniformHashCode())}|{Escape(grainId.ToString())}|";

    public static Dictionary<string, AttributeValue> Key(string serviceId, GrainId grainId, string reminderName) => new()
    {
        [PartitionKey] = new AttributeValue(Partition(serviceId, Bucket(grainId.GetUniformHashCode()))),
        [SortKey] = new AttributeValue(GrainPrefix(grainId) + reminderName),
    };

    public static Dictionary<string, AttributeValue> ToItem(string serviceId, ReminderEntry entry, string etag)
    {
        var item = Key(serviceId, entry.GrainId, entry.ReminderName);
        item[GrainIdAttribute] = new AttributeValue(entry.GrainId.ToString());
        item[NameAttribute] = new AttributeValue(entry.ReminderName);
        item[HashAttribute] = new AttributeValue { N = entry.GrainId.GetUniformHashCode().ToString(CultureInfo.InvariantCulture) };
        item[StartAtAttribute] = new AttributeValue(Utc(entry.StartAt).ToString("O", CultureInfo.InvariantCulture));
        item[PeriodAttribute] = new AttributeValue { N = entry.Period.Ticks.ToString(CultureInfo.InvariantCulture) };
        item[ETagAttribute] = new AttributeValue(etag);
        return item;
    }

    public static ReminderEntry FromItem(Dictionary<string, AttributeValue> item) => new()
    {
        GrainId = GrainId.Parse(item[GrainIdAttribute].S, CultureInfo.InvariantCulture),
        ReminderName = item[NameAttribute].S,
        StartAt = DateTime.Parse(item[StartAtAttribute].S, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
        Period = TimeSpan.FromTicks(long.Parse(item[PeriodAttribute].N, NumberStyles.Integer, CultureInfo.InvariantCulture)),
        ETag = item[ETagAttribute].S,
    };

    public static uint Hash(Dictionary<string, AttributeValue> item) => uint.Parse(item[HashAttribute].N, NumberStyles.Integer, CultureInfo.InvariantCulture);

    private static DateTime Utc(DateTime time) => time.Kind switch
    {
        DateTimeKind.Local => time.ToUniversalTime(),
        DateTimeKind.Unspecified => DateTime.SpecifyKind(time, DateTimeKind.Utc),
        _ => time,
    };

    // Grain ids may contain the separator; escaping keeps (grain, name) → key one-to-one (the name is last, so it needs none).
    private static string Escape(string value)
    {
        if (value.AsSpan().IndexOfAny('%', '|') < 0)
        {
            return value;
        }

        var builder = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            builder.Append(c switch { '%' => "%25", '|' => "%7C", _ => c.ToString() });
        }

        return builder.ToString();
    }
}
