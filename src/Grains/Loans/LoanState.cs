using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;
using PrivateLending.Grains.Abstractions.Storage;
using PrivateLending.Grains.Loans.Documents;
using PrivateLending.Grains.Loans.Outbox;
using PrivateLending.Grains.Servicing;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// A loan as stored. Also written as JSON by the DynamoDB provider, hence plain settable properties. The lists marked
/// <see cref="StoredInRunsAttribute"/> may be kept by that provider in items of their own (when it is set to), so a
/// command rewrites only the runs it changed and a small item of the rest (write-path.md, "A small hot item").
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
    // Runs of two: an accepted participant carries ~270 bytes of ciphertext that does not compress, so a run of two
    // still costs one write unit when an acceptance rewrites it.
    [StoredInRuns(2, Key = nameof(ParticipantState.ParticipantId))]
    [Id(19)] public List<ParticipantState> Participants { get; set; } = [];

    /// <summary>The create request's key, hash and result, kept for the loan's life (its id derives from the key).</summary>
    [StoredApart]
    [Id(20)] public CreationRecord? Creation { get; set; }

    /// <summary>Keys of add/accept/decline commands (24 h, capped).</summary>
    [StoredInRuns(4)]
    [Id(21)] public List<CommandRecord> Idempotency { get; set; } = [];

    /// <summary>
    /// The outbox as stored before it held typed messages; read only, to be upgraded (<see cref="LegacyOutbox"/>), and
    /// never written again (left out of the item once empty).
    /// </summary>
    [JsonPropertyName("Outbox"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    [Id(22)] public List<PendingIndexUpdate>? LegacyOutbox { get; set; }

    /// <summary>Messages written with the change that caused them and sent after the write (outbox).</summary>
    [JsonPropertyName("OutboxMessages")]
    [Id(25)] public List<OutboxMessage> Outbox { get; set; } = [];

    [Id(23)] public long NextOutboxSeq { get; set; }

    /// <summary>When a loan still PENDING expires; null on loans created before deadlines existed (they never expire).</summary>
    [Id(24)] public DateTimeOffset? FundingDeadline { get; set; }
    // Records (history and funding series) use ids from 40 so that other additions to this state keep 24 onwards.

    /// <summary>The newest history entries (the working set); older ones are sealed in chunk items.</summary>
    [StoredInRuns(4)]
    [Id(40)] public List<LoanHistoryEntry> History { get; set; } = [];

    /// <summary>History chunks sealed so far (each <c>LoanRecords.ChunkSize</c> entries, oldest first).</summary>
    [Id(41)] public int SealedHistoryChunks { get; set; }

    /// <summary>The newest funding points (the working set); older ones are sealed in chunk items.</summary>
    [StoredInRuns(4)]
    [Id(42)] public List<FundingPoint> Funding { get; set; } = [];

    [Id(43)] public int SealedFundingChunks { get; set; }

    /// <summary>The schedule and what was paid, from disbursement on (ids 100–119 belong to servicing).</summary>
    [Id(100)] public ServicingState? Servicing { get; set; }

    /// <summary>The newest repayment records (the working set); older ones are sealed in chunk items.</summary>
    [Id(101)] public List<RepaymentResult> Repayments { get; set; } = [];

    /// <summary>Repayment chunks sealed so far (each <c>LoanRecords.RepaymentChunkSize</c> records, oldest first).</summary>
    [Id(102)] public int SealedRepaymentChunks { get; set; }

    /// <summary>The highest installment number recorded as late (installments fall due in order), so each is recorded once.</summary>
    [Id(103)] public int LateInstallmentsRecorded { get; set; }

    /// <summary>The highest installment number whose payment reminder mail was queued (or passed over), so each is mailed once.</summary>
    [Id(104)] public int InstallmentsReminded { get; set; }

    /// <summary>Messages refused for good, out of the outbox (ids 90–99 belong to parking).</summary>
    [Id(90)] public List<ParkedIndexUpdate> Parked { get; set; } = [];

    /// <summary>
    /// Bumped by a change of terms only (1 at creation); an acceptance must name it. 0 on loans stored before it
    /// existed: they read as 1 (<see cref="LoanViews.TermsVersion"/>) until their terms next change.
    /// Ids 120–129 belong to trust in what is invited and accepted.
    /// </summary>
    [Id(120)] public long TermsVersion { get; set; }

    /// <summary>Document metadata, oldest first, deleted ones kept (ids 130–139 belong to documents; the bytes are in object storage).</summary>
    [Id(130)] public List<DocumentState> Documents { get; set; } = [];

    /// <summary>When the loan became FUNDED (the agreement states it); null before, and on loans funded before agreements existed.</summary>
    [Id(131)] public DateTimeOffset? FundedAt { get; set; }

    /// <summary>The participation with this id (it must exist).</summary>
    public ParticipantState Participant(Guid participantId) =>
        Participants.Find(p => p.ParticipantId == participantId)
        ?? throw new InvalidOperationException($"Loan {LoanId} has no participant {participantId}.");

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
        copy.Servicing = Servicing?.Clone();
        copy.Repayments = [.. Repayments];
        // A document record changes only by being replaced (a deletion), never in place.
        copy.Documents = [.. Documents];
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
