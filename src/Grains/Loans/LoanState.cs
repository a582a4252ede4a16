using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// A loan as stored (one item). Also written as JSON by the DynamoDB provider, hence plain settable properties.
/// Treated as immutable once committed: commands change a <see cref="Clone"/> and swap it in after the write.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.LoanState")]
public sealed class LoanState
{
    [Id(0)] public bool Exists { get; set; }
    [Id(1)] public Guid LoanId { get; set; }
    [Id(2)] public Guid BorrowerId { get; set; }
    [Id(3)] public string BorrowerName { get; set; } = "";

    /// <summary>Normalised, to refuse self-invitations.</summary>
    [Id(4)] public string BorrowerEmail { get; set; } = "";

    [Id(5)] public decimal Amount { get; set; }
    [Id(6)] public decimal InterestRate { get; set; }
    [Id(7)] public int TermMonths { get; set; }
    [Id(8)] public string Purpose { get; set; } = "";
    [Id(9)] public LoanStatus Status { get; set; }
    [Id(10)] public long Version { get; set; }
    [Id(11)] public DateTimeOffset CreatedAt { get; set; }
    [Id(12)] public Guid CreatedBy { get; set; }
    [Id(13)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(14)] public Guid UpdatedBy { get; set; }
    [Id(15)] public DateTimeOffset? DeletedAt { get; set; }
    [Id(16)] public Guid? DeletedBy { get; set; }
    [Id(17)] public string? DeletionReason { get; set; }
    [Id(18)] public DateTimeOffset? LastFundingUpdate { get; set; }
    [Id(19)] public List<ParticipantState> Participants { get; set; } = [];

    /// <summary>The create request's key, hash and result, kept for the loan's life (its id derives from the key).</summary>
    [Id(20)] public CreationRecord? Creation { get; set; }

    /// <summary>Keys of add/accept/decline commands (24 h, capped).</summary>
    [Id(21)] public List<CommandRecord> Idempotency { get; set; } = [];

    /// <summary>Index updates written with the change that caused them and sent after the write (outbox).</summary>
    [Id(22)] public List<PendingIndexUpdate> Outbox { get; set; } = [];

    [Id(23)] public long NextOutboxSeq { get; set; }

    /// <summary>When a loan still PENDING expires; null on loans created before deadlines existed (they never expire).</summary>
    [Id(24)] public DateTimeOffset? FundingDeadline { get; set; }
    // Records (history and funding series) use ids from 40 so that other additions to this state keep 24 onwards.

    /// <summary>The newest history entries (the working set); older ones are sealed in chunk items.</summary>
    [Id(40)] public List<LoanHistoryEntry> History { get; set; } = [];

    /// <summary>History chunks sealed so far (each <c>LoanRecords.ChunkSize</c> entries, oldest first).</summary>
    [Id(41)] public int SealedHistoryChunks { get; set; }

    /// <summary>The newest funding points (the working set); older ones are sealed in chunk items.</summary>
    [Id(42)] public List<FundingPoint> Funding { get; set; } = [];

    [Id(43)] public int SealedFundingChunks { get; set; }

    /// <summary>Index updates refused for good, out of the outbox (ids 90–99 belong to parking).</summary>
    [Id(90)] public List<ParkedIndexUpdate> Parked { get; set; } = [];

    /// <summary>A copy whose lists and participants can change without touching this one.</summary>
    public LoanState Clone()
    {
        var copy = (LoanState)MemberwiseClone();
        copy.Participants = Participants.ConvertAll(p => p.Clone());
        // Records and pending updates are never changed in place, only added or removed.
        copy.Idempotency = [.. Idempotency];
        copy.Outbox = [.. Outbox];
        copy.History = [.. History];
        copy.Funding = [.. Funding];
        copy.Parked = [.. Parked];
        return copy;
    }
}

/// <summary>One lender's participation as stored.</summary>
[GenerateSerializer, Alias("PrivateLending.ParticipantState")]
public sealed class ParticipantState
{
    [Id(0)] public Guid ParticipantId { get; set; }

    /// <summary>Trimmed, as the borrower typed it (for display).</summary>
    [Id(1)] public string Email { get; set; } = "";

    /// <summary><see cref="Abstractions.Rules.EmailAddress.Normalize"/> form, for every comparison.</summary>
    [Id(2)] public string NormalizedEmail { get; set; } = "";

    [Id(3)] public Guid? LenderId { get; set; }
    [Id(4)] public string? LenderName { get; set; }
    [Id(5)] public decimal ContributionAmount { get; set; }
    [Id(6)] public ParticipantStatus Status { get; set; }
    [Id(7)] public DateTimeOffset InvitedAt { get; set; }
    [Id(8)] public DateTimeOffset? RespondedAt { get; set; }
    [Id(9)] public AchState? Ach { get; set; }

    /// <summary>The loan version (its terms) the lender accepted; id 20 leaves room for other additions.</summary>
    [Id(20)] public long? AcceptedVersion { get; set; }

    public ParticipantState Clone() => (ParticipantState)MemberwiseClone();
}

/// <summary>Bank details as the API encrypted them, plus the parts that may be shown.</summary>
[GenerateSerializer, Alias("PrivateLending.AchState")]
public sealed class AchState
{
    [Id(0)] public string Ciphertext { get; set; } = "";
    [Id(1)] public string AccountHolder { get; set; } = "";
    [Id(2)] public string AccountType { get; set; } = "";
    [Id(3)] public string AccountLast4 { get; set; } = "";
}

/// <summary>Which index a pending update goes to.</summary>
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

/// <summary>One index update not yet acknowledged by its target grain.</summary>
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
