using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Outbox;

// The outbox entry as stored before typed messages (OutboxMessage). Kept only so stored loans stay readable:
// LegacyOutbox turns each into its message on activation; nothing creates these any more. Never renumber.

/// <summary>Which index a stored pending update went to (stored by name).</summary>
public enum IndexTarget
{
    /// <summary>The borrower's loan index (<see cref="PendingIndexUpdate.Target"/> is the user id).</summary>
    Borrower = 0,

    /// <summary>A lender's invitations (<see cref="PendingIndexUpdate.Target"/> is the normalised email).</summary>
    Lender = 1,

    /// <summary>A webhook event for a user's endpoints (<see cref="PendingIndexUpdate.Target"/> is the user id).</summary>
    Webhook = 60,

    /// <summary>
    /// The invitation mails to the lenders one command invited (<see cref="PendingIndexUpdate.At"/> is their invitation
    /// time, <see cref="PendingIndexUpdate.Target"/> the loan id). Stored by name; the number comes from the mail
    /// feature's id range so parallel additions never collide.
    /// </summary>
    Mail = 72,

    /// <summary>An audit log entry (<see cref="PendingIndexUpdate.Audit"/>); <see cref="PendingIndexUpdate.Target"/> is unused.</summary>
    Audit = 50,
}

/// <summary>One outbox entry as stored before typed messages.</summary>
[GenerateSerializer, Alias("PrivateLending.PendingIndexUpdate")]
public sealed class PendingIndexUpdate
{
    [Id(0)] public long Seq { get; set; }
    [Id(1)] public IndexTarget Kind { get; set; }
    [Id(2)] public string Target { get; set; } = "";
    [Id(3)] public Guid LoanId { get; set; }
    [Id(4)] public Guid ParticipantId { get; set; }
    [Id(5)] public ParticipantStatus Status { get; set; }
    [Id(6)] public decimal ContributionAmount { get; set; }

    /// <summary>The loan's creation time (borrower) or the invitation time (lender): the index's sort key.</summary>
    [Id(7)] public DateTimeOffset At { get; set; }

    [Id(8)] public long LoanVersion { get; set; }

    /// <summary>The loan's status at <see cref="LoanVersion"/> (lender updates; PENDING in updates stored before it existed).</summary>
    [Id(9)] public LoanStatus LoanStatus { get; set; }

    // Webhook members are left out of the stored JSON when unset, so index updates stay as small as before.

    /// <summary>Webhook updates: the event type (<c>loan.created</c>, …).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(60)] public string? EventType { get; set; }

    /// <summary>Webhook updates: the loan's amount and accepted total at <see cref="LoanVersion"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(61)] public decimal LoanAmount { get; set; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(62)] public decimal TotalFunded { get; set; }

    /// <summary>Webhook updates: when the change was committed (the event's timestamp).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(63)] public DateTimeOffset OccurredAt { get; set; }

    /// <summary>Webhook updates: recipients besides <see cref="Target"/> (linked lenders), so one entry serves them all.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(64)] public List<Guid>? Recipients { get; set; }

    /// <summary>The entry of an <see cref="IndexTarget.Audit"/> update.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    [Id(50)] public Abstractions.Audit.AuditEntry? Audit { get; set; }
}
