using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Audit;

/// <summary>
/// Where audit entries live, one item each, append-only. The host implements it (DynamoDB); grains only queue
/// entries in their state and hand them over after their own write, until this acknowledges them.
/// </summary>
public interface IAuditStore
{
    /// <summary>
    /// Stores each entry unless one with its id is stored already (then it is left untouched); returns once every
    /// entry is stored, throws otherwise (the caller re-sends them all).
    /// </summary>
    Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="AppendAsync"/>, but first looks up which entries are stored and writes only the others: for
    /// entries that were probably delivered already (reads cost less than writes, and an entry is several items).
    /// </summary>
    Task AppendMissingAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken);

    /// <summary>One page of entries matching the query, newest first; the cursor is the store's own.</summary>
    Task<Page<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken);
}
