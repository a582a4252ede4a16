using Amazon.DynamoDBv2.Model;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Silo.Audit;

/// <summary>
/// Turns a filter into one index query: a record's entries (by-record), an actor's (by-actor), or all (by-time);
/// the time range is a key condition on the sort key, the remaining filters are filter expressions.
/// </summary>
internal static class AuditQueries
{
    public static QueryRequest Build(string table, AuditQuery query)
    {
        var names = new Dictionary<string, string> { ["#h"] = "", ["#at"] = AuditItem.At };
        var values = new Dictionary<string, AttributeValue>();
        var filters = new List<string>();
        if (query.RecordId is not null && query.RecordType is not null)
        {
            names["#h"] = AuditItem.Record;
            values[":h"] = new(AuditItem.RecordKey(query.RecordType, query.RecordId));
            Filter(query.ActorId is { } actor ? AuditItem.ActorKey(actor) : null, AuditItem.Actor, "#a", ":a", names, values, filters);
        }
        else if (query.ActorId is { } actor)
        {
            names["#h"] = AuditItem.Actor;
            values[":h"] = new(AuditItem.ActorKey(actor));
            Filter(query.RecordType, AuditItem.RecordType, "#t", ":t", names, values, filters);
        }
        else
        {
            names["#h"] = AuditItem.Log;
            values[":h"] = new(AuditItem.LogPartition);
            Filter(query.RecordType, AuditItem.RecordType, "#t", ":t", names, values, filters);
        }

        var key = "#h = :h";
        if (query.From is { } from)
        {
            values[":from"] = new(AuditItem.Time(from));
        }

        if (query.To is { } to)
        {
            // Exclusive: an entry at exactly `to` sorts after the bare time ("time#id"), so BETWEEN leaves it out.
            values[":to"] = new(AuditItem.Time(to));
        }

        key += (query.From, query.To) switch
        {
            (not null, not null) => " AND #at BETWEEN :from AND :to",
            (not null, null) => " AND #at >= :from",
            (null, not null) => " AND #at < :to",
            _ => "",
        };
        if (!key.Contains("#at", StringComparison.Ordinal))
        {
            names.Remove("#at");
        }

        var index = names["#h"] switch
        {
            AuditItem.Record => AuditItem.ByRecord,
            AuditItem.Actor => AuditItem.ByActor,
            _ => AuditItem.ByTime,
        };
        return new QueryRequest
        {
            TableName = table,
            IndexName = index,
            KeyConditionExpression = key,
            FilterExpression = filters.Count == 0 ? null : string.Join(" AND ", filters),
            ExpressionAttributeNames = names,
            ExpressionAttributeValues = values,
            ScanIndexForward = false,
            ExclusiveStartKey = StartKey(query, names["#h"], values[":h"]),
        };
    }

    private static void Filter(
        string? value, string attribute, string name, string placeholder,
        Dictionary<string, string> names, Dictionary<string, AttributeValue> values, List<string> filters)
    {
        if (value is null)
        {
            return;
        }

        names[name] = attribute;
        values[placeholder] = new(value);
        filters.Add($"{name} = {placeholder}");
    }

    /// <summary>The cursor is the last entry's sort key ("time#entry id"); the index key is rebuilt from it.</summary>
    private static Dictionary<string, AttributeValue>? StartKey(AuditQuery query, string hashAttribute, AttributeValue hash)
    {
        if (query.After is null)
        {
            return null;
        }

        var separator = query.After.IndexOf('#', StringComparison.Ordinal);
        if (separator <= 0 || separator == query.After.Length - 1)
        {
            throw DomainException.Invalid("next_token", "Is not a token this list gave.");
        }

        return new Dictionary<string, AttributeValue>
        {
            [AuditItem.Id] = new(query.After[(separator + 1)..]),
            [AuditItem.At] = new(query.After),
            [hashAttribute] = hash,
        };
    }
}
