using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Audit;

/// <summary>
/// The audit log's entry point in the cluster (a stateless worker, key 0): grains deliver their outboxes' entries
/// here and the API reads through it; the entries themselves live in the audit store, one item each.
/// </summary>
public interface IAuditLogGrain : IGrainWithIntegerKey
{
    /// <summary>Stores the entries; an entry already stored (same id) is left as it is, so re-sending is harmless.</summary>
    Task AppendAsync(ImmutableArray<AuditEntry> entries);

    /// <summary>
    /// Stores only the entries not stored yet, after looking up which are: for entries that may have been delivered
    /// before (an outbox read back from storage), a lookup costs less than writing them again.
    /// </summary>
    Task AppendMissingAsync(ImmutableArray<AuditEntry> entries);

    /// <summary>One page of entries matching <paramref name="query"/>, newest first.</summary>
    Task<Page<AuditEntry>> SearchAsync(AuditQuery query);
}
