using PrivateLending.Api.Records;
using PrivateLending.Grains.Abstractions.Audit;

namespace PrivateLending.Api.Audit;

/// <summary>One audit log entry: who changed which record, when, from where, and the changed fields before and after.</summary>
public sealed record AuditEntryResponse(
    string Id,
    DateTimeOffset Time,
    Guid? ActorId,
    string Action,
    string RecordType,
    string RecordId,
    IReadOnlyList<FieldChangeResponse> Changes,
    string? ClientIp,
    string? UserAgent,
    string? RequestId,
    string? ClientRequestId)
{
    public static AuditEntryResponse From(AuditEntry e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(e.EntryId, e.At, e.ActorId, e.Action, e.RecordType, e.RecordId,
            e.Changes.IsDefault ? [] : [.. e.Changes.Select(c => new FieldChangeResponse(c.Field, c.Before, c.After))],
            e.Request?.ClientIp, e.Request?.UserAgent, e.Request?.RequestId, e.Request?.ClientRequestId);
    }
}
