using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Common;

/// <summary>Pure rules for idempotency records kept inside a grain's state (per actor and key, 24 h, capped).</summary>
internal static class IdempotencyLedger
{
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>Most records one grain keeps; the oldest go first, so the state stays far below 400 KB.</summary>
    public const int MaxRecords = 200;

    /// <summary>
    /// The stored record for a replay (same actor, key and hash, not expired); null when the key is new.
    /// Throws IdempotencyKeyReused when the key came with another request.
    /// </summary>
    public static T? FindReplay<T>(List<T> records, Guid actorId, IdempotencyToken? token, DateTimeOffset now)
        where T : IdempotencyRecord
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
            ? record
            : throw new DomainException(DomainErrorCode.IdempotencyKeyReused, "This idempotency key was already used with a different request.");
    }

    /// <summary>
    /// Drops expired records, records <paramref name="result"/> under the token (when there is one) and keeps at
    /// most <see cref="MaxRecords"/>, evicting the oldest.
    /// </summary>
    public static void Record<T>(List<T> records, Guid actorId, IdempotencyToken? token, Func<T> result, DateTimeOffset now)
        where T : IdempotencyRecord
    {
        records.RemoveAll(r => r.ExpiresAt <= now || (token is not null && r.ActorId == actorId && r.Key == token.Key));
        if (token is not null)
        {
            var record = result();
            record.ActorId = actorId;
            record.Key = token.Key;
            record.RequestHash = token.RequestHash;
            record.RecordedAt = now;
            record.ExpiresAt = now + Retention;
            records.Add(record);
        }

        if (records.Count > MaxRecords)
        {
            records.Sort((a, b) => a.RecordedAt.CompareTo(b.RecordedAt));
            records.RemoveRange(0, records.Count - MaxRecords);
        }
    }
}
