using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Common;

/// <summary>Pure rules for idempotency records kept inside a grain's state (per actor and key, 24 h, capped).</summary>
internal static class IdempotencyLedger
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Most records one grain keeps; the oldest go first, so the state stays far below 400 KB.</summary>
    public const int MaxRecords = 200;

    /// <summary>
    /// The stored result for a replay (same actor, key and hash, not expired); null when the key is new.
    /// Throws IdempotencyKeyReused when the key came with another request.
    /// </summary>
    public static string? FindReplay(List<IdempotencyRecord> records, Guid actorId, IdempotencyToken? token, DateTimeOffset now)
    {
        if (token is null)
        {
            return null;
        }

        var record = records.Find(r => r.ActorId == actorId && r.Key == token.Key && r.ExpiresAt > now);
        if (record is null)
        {
            return null;
        }

        return record.RequestHash == token.RequestHash
            ? record.ResultJson
            : throw new DomainException(ErrorCode.IdempotencyKeyReused, "This idempotency key was already used with a different request.");
    }

    /// <summary>Records a result (when there is a token), drops expired records and keeps at most <see cref="MaxRecords"/>.</summary>
    public static void Record(List<IdempotencyRecord> records, Guid actorId, IdempotencyToken? token, string resultJson, DateTimeOffset now)
    {
        records.RemoveAll(r => r.ExpiresAt <= now || (token is not null && r.ActorId == actorId && r.Key == token.Key));
        if (token is not null)
        {
            records.Add(new IdempotencyRecord
            {
                ActorId = actorId,
                Key = token.Key,
                RequestHash = token.RequestHash,
                ResultJson = resultJson,
                RecordedAt = now,
                ExpiresAt = now + Retention,
            });
        }

        if (records.Count > MaxRecords)
        {
            records.Sort((a, b) => a.RecordedAt.CompareTo(b.RecordedAt));
            records.RemoveRange(0, records.Count - MaxRecords);
        }
    }
}
