using System.Collections.Concurrent;
using System.Globalization;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Audit;

namespace PrivateLending.TestSupport.Audit;

/// <summary>
/// The audit store for in-process test silos: entries keyed by id like the DynamoDB store (a re-sent entry is not
/// stored twice), every attempt counted, and a switch that makes it fail like an unreachable table.
/// </summary>
public sealed class MemoryAuditStore : IAuditStore
{
    public static readonly MemoryAuditStore Instance = new();

    private readonly ConcurrentDictionary<string, AuditEntry> _entries = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _attempts = new(StringComparer.Ordinal);

    /// <summary>When false every append throws, as when the audit table cannot be reached.</summary>
    public bool Available { get; set; } = true;

    /// <summary>Every stored entry (what a reader sees).</summary>
    public IReadOnlyCollection<AuditEntry> Entries => [.. _entries.Values];

    /// <summary>How many times an entry with this id was handed over (re-sends included).</summary>
    public int Attempts(string entryId) => _attempts.GetValueOrDefault(entryId);

    public Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            _attempts.AddOrUpdate(e.EntryId, 1, (_, n) => n + 1);
        }

        if (!Available)
        {
            throw new IOException("The audit store is switched off.");
        }

        foreach (var e in entries)
        {
            _entries.TryAdd(e.EntryId, e);
        }

        return Task.CompletedTask;
    }

    public Task<Page<AuditEntry>> SearchAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var matching = _entries.Values
            .Where(e => (query.RecordType is null || e.RecordType == query.RecordType)
                && (query.RecordId is null || e.RecordId == query.RecordId)
                && (query.ActorId is null || e.ActorId == query.ActorId)
                && (query.From is null || e.At >= query.From)
                && (query.To is null || e.At < query.To))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.EntryId, StringComparer.Ordinal)
            .ToList();
        var start = query.After is null ? 0 : int.Parse(query.After, CultureInfo.InvariantCulture);
        var items = matching.Skip(start).Take(query.Limit).ToList();
        var end = start + items.Count;
        var more = end < matching.Count;
        return Task.FromResult(new Page<AuditEntry>([.. items], more, more ? end.ToString(CultureInfo.InvariantCulture) : null));
    }
}
