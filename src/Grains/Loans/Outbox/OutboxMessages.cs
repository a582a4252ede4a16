using System.Text.Json.Serialization;
using PrivateLending.Grains.Abstractions.Audit;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Outbox;

/// <summary>The borrower's loan index lists the loan.</summary>
[GenerateSerializer, Alias("PrivateLending.BorrowerIndexMessage")]
public sealed class BorrowerIndexMessage : OutboxMessage
{
    public const string KindName = "borrower_index";

    [Id(0)] public Guid BorrowerId { get; set; }
    [Id(1)] public Guid LoanId { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public long Version { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => $"{KindName}:{BorrowerId:N}";
    [JsonIgnore] public override string Subject => Destination;
    [JsonIgnore] public override long LoanVersion => Version;

    internal override OutboxMessage Renumbered(long seq) => new BorrowerIndexMessage { Seq = seq, BorrowerId = BorrowerId, LoanId = LoanId, CreatedAt = CreatedAt, Version = Version };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<BorrowerIndexMessage>()]);
}

/// <summary>A lender's invitation index shows a participation (its status and the loan's, at a loan version).</summary>
[GenerateSerializer, Alias("PrivateLending.LenderIndexMessage")]
public sealed class LenderIndexMessage : OutboxMessage
{
    public const string KindName = "lender_index";

    /// <summary>The invited email, normalised; turned into the index grain's key only when sent.</summary>
    [Id(0)] public string NormalizedEmail { get; set; } = "";
    [Id(1)] public Guid LoanId { get; set; }
    [Id(2)] public Guid ParticipantId { get; set; }
    [Id(3)] public ParticipantStatus Status { get; set; }
    [Id(4)] public decimal ContributionAmount { get; set; }
    [Id(5)] public DateTimeOffset InvitedAt { get; set; }
    [Id(6)] public long Version { get; set; }
    [Id(7)] public LoanStatus LoanStatus { get; set; }

    /// <summary>The lender's running totals at this version, so a status update never sets them back.</summary>
    [Id(8)] public decimal PrincipalRepaid { get; set; }
    [Id(9)] public decimal InterestReceived { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => $"{KindName}:{NormalizedEmail}";
    [JsonIgnore] public override string Subject => $"{KindName}:{ParticipantId:N}";
    [JsonIgnore] public override long LoanVersion => Version;

    internal override OutboxMessage Renumbered(long seq) => new LenderIndexMessage
    {
        Seq = seq, NormalizedEmail = NormalizedEmail, LoanId = LoanId, ParticipantId = ParticipantId, Status = Status,
        ContributionAmount = ContributionAmount, InvitedAt = InvitedAt, Version = Version, LoanStatus = LoanStatus,
        PrincipalRepaid = PrincipalRepaid, InterestReceived = InterestReceived,
    };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<LenderIndexMessage>()]);
}

/// <summary>
/// A lender's running totals on the loan after a repayment, for their portfolio's totals. Sent after the command has
/// answered (<see cref="OutboxMessage.AfterAnswer"/>): a repayment on a loan with 100 lenders is 100 index writes,
/// none of them in the request's path. Only the newest per participant waits in the outbox (the totals are running
/// ones); the receiver keeps the newest loan version, so a re-send of the same repayment writes nothing.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.LenderTotalsMessage")]
public sealed class LenderTotalsMessage : OutboxMessage
{
    public const string KindName = "lender_totals";

    /// <summary>The lender's email, normalised; turned into the index grain's key only when sent.</summary>
    [Id(0)] public string NormalizedEmail { get; set; } = "";
    [Id(1)] public Guid LoanId { get; set; }
    [Id(2)] public Guid ParticipantId { get; set; }
    [Id(3)] public Guid RepaymentId { get; set; }
    [Id(4)] public long Version { get; set; }
    [Id(5)] public LoanStatus LoanStatus { get; set; }
    [Id(6)] public decimal PrincipalRepaid { get; set; }
    [Id(7)] public decimal InterestReceived { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => $"{KindName}:{NormalizedEmail}";
    [JsonIgnore] public override string Subject => $"{KindName}:{ParticipantId:N}";
    [JsonIgnore] public override long LoanVersion => Version;
    [JsonIgnore] public override bool AfterAnswer => true;

    internal override OutboxMessage Renumbered(long seq) => new LenderTotalsMessage
    {
        Seq = seq, NormalizedEmail = NormalizedEmail, LoanId = LoanId, ParticipantId = ParticipantId, RepaymentId = RepaymentId,
        Version = Version, LoanStatus = LoanStatus, PrincipalRepaid = PrincipalRepaid, InterestReceived = InterestReceived,
    };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<LenderTotalsMessage>()]);
}

/// <summary>One webhook event for the borrower and the lenders it concerns.</summary>
[GenerateSerializer, Alias("PrivateLending.WebhookMessage")]
public sealed class WebhookMessage : OutboxMessage
{
    public const string KindName = "webhook";

    /// <summary>The event's name (<see cref="LoanEvents"/>).</summary>
    [Id(0)] public string EventType { get; set; } = "";
    [Id(1)] public Guid BorrowerId { get; set; }

    /// <summary>Linked lenders who get the event besides the borrower.</summary>
    [Id(2)] public List<Guid> Lenders { get; set; } = [];
    [Id(3)] public Guid LoanId { get; set; }
    [Id(4)] public long Version { get; set; }
    [Id(5)] public LoanStatus LoanStatus { get; set; }
    [Id(6)] public decimal LoanAmount { get; set; }
    [Id(7)] public decimal TotalFunded { get; set; }

    /// <summary>The participation the event is about; empty for loan-level events.</summary>
    [Id(8)] public Guid ParticipantId { get; set; }
    [Id(9)] public ParticipantStatus ParticipantStatus { get; set; }
    [Id(10)] public decimal ContributionAmount { get; set; }

    /// <summary>When the change was committed (the event's timestamp).</summary>
    [Id(11)] public DateTimeOffset OccurredAt { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => $"{KindName}:{BorrowerId:N}";
    [JsonIgnore] public override string Subject => $"{KindName}:{EventType}:{ParticipantId:N}:{Version}";
    [JsonIgnore] public override long LoanVersion => Version;

    internal override OutboxMessage Renumbered(long seq) => new WebhookMessage
    {
        Seq = seq, EventType = EventType, BorrowerId = BorrowerId, Lenders = [.. Lenders], LoanId = LoanId, Version = Version,
        LoanStatus = LoanStatus, LoanAmount = LoanAmount, TotalFunded = TotalFunded, ParticipantId = ParticipantId,
        ParticipantStatus = ParticipantStatus, ContributionAmount = ContributionAmount, OccurredAt = OccurredAt,
    };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<WebhookMessage>()]);
}

/// <summary>The invitation mails of one command's invitations (they share their invitation time).</summary>
[GenerateSerializer, Alias("PrivateLending.InvitationMailMessage")]
public sealed class InvitationMailMessage : OutboxMessage
{
    public const string KindName = "invitation_mail";

    [Id(0)] public Guid LoanId { get; set; }
    [Id(1)] public DateTimeOffset InvitedAt { get; set; }
    [Id(2)] public long Version { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => $"{KindName}:{LoanId:N}";
    [JsonIgnore] public override string Subject => $"{KindName}:{InvitedAt.UtcTicks}";
    [JsonIgnore] public override long LoanVersion => Version;

    internal override OutboxMessage Renumbered(long seq) => new InvitationMailMessage { Seq = seq, LoanId = LoanId, InvitedAt = InvitedAt, Version = Version };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<InvitationMailMessage>()]);
}

/// <summary>An audit log entry; its id makes a re-send a no-op in the audit store.</summary>
[GenerateSerializer, Alias("PrivateLending.AuditMessage")]
public sealed class AuditMessage : OutboxMessage
{
    public const string KindName = "audit";

    [Id(0)] public AuditEntry? Entry { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => KindName;
    [JsonIgnore] public override string Subject => $"{KindName}:{Entry?.EntryId}";
    [JsonIgnore] public override long LoanVersion => 0;

    internal override OutboxMessage Renumbered(long seq) => new AuditMessage { Seq = seq, Entry = Entry };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<AuditMessage>()]);
}

/// <summary>A servicing mail to the borrower: the reminder before an installment's due date, or the notice that installments are late.</summary>
[GenerateSerializer, Alias("PrivateLending.ServicingMailMessage")]
public sealed class ServicingMailMessage : OutboxMessage
{
    public const string KindName = "servicing_mail";

    /// <summary>The payment reminder's <see cref="Notice"/>.</summary>
    public const string Reminder = "reminder";

    /// <summary>The late notice's <see cref="Notice"/>.</summary>
    public const string Late = "late";

    [Id(0)] public Guid LoanId { get; set; }
    [Id(1)] public string Notice { get; set; } = "";
    [Id(2)] public int InstallmentNumber { get; set; }
    [Id(3)] public long Version { get; set; }

    [JsonIgnore] public override string Kind => KindName;
    [JsonIgnore] public override string Destination => $"{KindName}:{LoanId:N}:{Notice}:{InstallmentNumber}";
    [JsonIgnore] public override string Subject => Destination;
    [JsonIgnore] public override long LoanVersion => Version;

    internal override OutboxMessage Renumbered(long seq) => new ServicingMailMessage
    {
        Seq = seq, LoanId = LoanId, Notice = Notice, InstallmentNumber = InstallmentNumber, Version = Version,
    };

    internal override Task<bool> SendAsync(LoanOutboxDispatcher dispatcher, IReadOnlyList<OutboxMessage> batch) =>
        dispatcher.SendAsync([.. batch.Cast<ServicingMailMessage>()]);
}
