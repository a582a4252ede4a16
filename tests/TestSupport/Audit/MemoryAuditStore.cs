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
    private readonly ConcurrentDictionary<string, int> _lookups = new(StringComparer.Ordinal);

    /// <summary>When false every append throws, as when the audit table cannot be reached.</summary>
    public bool Available { get; set; } = true;

    private readonly Lock _gate = new();
    private (Func<AuditEntry, bool> Matches, TaskCompletionSource Release)? _hold;
    private int _held;

    /// <summary>Appends of matching entries currently waiting in <see cref="HoldAppends"/>.</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Makes appends of matching entries wait until the returned source is completed (tests of concurrency).</summary>
    public TaskCompletionSource HoldAppends(Func<AuditEntry, bool> matches)
    {
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _hold = (matches, release);
        }

        return release;
    }

    /// <summary>Lets every append through again (appends already held wait for their own release).</summary>
    public void StopHolding()
    {
        lock (_gate)
        {
            _hold = null;
        }
    }

    /// <summary>Every stored entry (what a reader sees).</summary>
    public IReadOnlyCollection<AuditEntry> Entries => [.. _entries.Values];

    /// <summary>How many times an entry with this id was handed over to be written (re-sends included).</summary>
    public int Attempts(string entryId) => _attempts.GetValueOrDefault(entryId);

    public async Task AppendAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        (Func<AuditEntry, bool> Matches, TaskCompletionSource Release)? hold;
        lock (_gate)
        {
            hold = _hold;
        }

        if (hold is { } h && entries.Any(h.Matches))
        {
            Interlocked.Increment(ref _held);
            try
            {
                await h.Release.Task.WaitAsync(cancellationToken);
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

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
    }

    /// <summary>How many times an entry with this id was looked up before a write (re-sends of outboxes read back from storage).</summary>
    public int Lookups(string entryId) => _lookups.GetValueOrDefault(entryId);

    public Task AppendMissingAsync(IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        foreach (var e in entries)
        {
            _lookups.AddOrUpdate(e.EntryId, 1, (_, n) => n + 1);
        }

        if (!Available)
        {
            throw new IOException("The audit store is switched off.");
        }

        var missing = entries.Where(e => !_entries.ContainsKey(e.EntryId)).ToList();
        return missing.Count == 0 ? Task.CompletedTask : AppendAsync(missing, cancellationToken);
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
