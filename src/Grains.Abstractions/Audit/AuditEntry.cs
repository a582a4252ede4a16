using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Abstractions.Audit;

/// <summary>
/// One audit log entry: who changed which record, when, from where, and the changed fields before and after.
/// Never carries bank numbers, password hashes or tokens: only the fields the recorder chose to show.
/// </summary>
/// <param name="EntryId">Deterministic (record and version or step), so a re-sent entry is the same item.</param>
/// <param name="At">When the change was committed.</param>
/// <param name="ActorId">The user who made the change; null for the system (a deadline passing).</param>
/// <param name="Action">What happened, e.g. <c>loan.created</c>, <c>participant.accepted</c>, <c>user.registered</c>.</param>
/// <param name="RecordType"><c>loan</c>, <c>participant</c>, <c>user</c> or <c>webhook</c>.</param>
/// <param name="RecordId">The record's id.</param>
/// <param name="Changes">The changed fields with their values before and after, as text.</param>
/// <param name="Request">Where the request came from (absent for system changes).</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.AuditEntry")]
public sealed record AuditEntry(
    [property: Id(0)] string EntryId,
    [property: Id(1)] DateTimeOffset At,
    [property: Id(2)] Guid? ActorId,
    [property: Id(3)] string Action,
    [property: Id(4)] string RecordType,
    [property: Id(5)] string RecordId,
    [property: Id(6)] ImmutableArray<FieldChange> Changes,
    [property: Id(7)] AuditRequest? Request);
