using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Lenders;

/// <summary>
/// A lender's participations (a set keyed by participant id) and, once the email has an account, that account
/// plus the loans still to be told about it. <see cref="Entries"/> holds the newest participations (at most
/// <see cref="LenderChunks.TailMax"/>); older ones are sealed into chunk grains listed in <see cref="Chunks"/>.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.LenderState")]
public sealed class LenderState
{
    /// <summary>
    /// The normalised email, set when an account links (the grain key is a keyed hash of it and cannot be turned
    /// back): loans are told about the account by this address. Empty until then.
    /// </summary>
    [Id(0)] public string Email { get; set; } = "";

    [Id(1)] public Guid? AccountId { get; set; }
    [Id(2)] public string? AccountName { get; set; }
    [Id(3)] public List<InvitationItem> Entries { get; set; } = [];

    /// <summary>
    /// Loans invited after the account linked that have not yet acknowledged <c>LinkLenderAsync</c> (at-least-once
    /// linking); at most <see cref="LenderLinks.MaxPending"/>, past which <see cref="LinkEveryLoan"/> stands for them.
    /// Items stored before that cap may hold every invited loan; they are still delivered.
    /// </summary>
    [Id(4)] public List<Guid> PendingLinks { get; set; } = [];

    /// <summary>Numbers of the sealed chunk grains holding older participations (items stored before chunking have none).</summary>
    [Id(5)] public List<int> Chunks { get; set; } = [];

    [Id(6)] public int NextChunkNumber { get; set; }

    /// <summary>
    /// Every loan in the index still has to be told about the account (set when it links, instead of listing them,
    /// so the item does not grow with the number of invitations). Cleared by one write once all have acknowledged.
    /// </summary>
    [Id(7)] public bool LinkEveryLoan { get; set; }

    public LenderState Clone() => new()
    {
        Email = Email,
        AccountId = AccountId,
        AccountName = AccountName,
        Entries = [.. Entries],
        PendingLinks = [.. PendingLinks],
        Chunks = [.. Chunks],
        NextChunkNumber = NextChunkNumber,
        LinkEveryLoan = LinkEveryLoan,
    };
}

/// <summary>One participation as the lender's index knows it (never changed in place; replaced by newer versions).</summary>
[GenerateSerializer, Alias("PrivateLending.InvitationItem")]
public sealed class InvitationItem
{
    [Id(0)] public Guid ParticipantId { get; set; }
    [Id(1)] public Guid LoanId { get; set; }
    [Id(2)] public ParticipantStatus Status { get; set; }
    [Id(3)] public decimal ContributionAmount { get; set; }
    [Id(4)] public DateTimeOffset InvitedAt { get; set; }
    [Id(5)] public long LoanVersion { get; set; }

    /// <summary>The loan's status at <see cref="LoanVersion"/>; items stored before it existed read as PENDING.</summary>
    [Id(6)] public LoanStatus LoanStatus { get; set; }

    /// <summary>The lender's principal received on the loan at <see cref="LoanVersion"/> (0 before disbursement).</summary>
    [Id(7)] public decimal PrincipalRepaid { get; set; }

    /// <summary>The lender's interest received on the loan at <see cref="LoanVersion"/>.</summary>
    [Id(8)] public decimal InterestReceived { get; set; }

    /// <summary>Principal the lender still has out on a disbursed loan; 0 before disbursement (nothing is out yet).</summary>
    public decimal PrincipalOutstanding() =>
        LoanStatus is LoanStatus.Active or LoanStatus.Defaulted or LoanStatus.Completed ? ContributionAmount - PrincipalRepaid : 0m;

    /// <summary>A copy at a newer loan version with the totals after a repayment.</summary>
    public InvitationItem WithTotals(long loanVersion, LoanStatus loanStatus, decimal principalRepaid, decimal interestReceived) => new()
    {
        ParticipantId = ParticipantId,
        LoanId = LoanId,
        Status = Status,
        ContributionAmount = ContributionAmount,
        InvitedAt = InvitedAt,
        LoanVersion = loanVersion,
        LoanStatus = loanStatus,
        PrincipalRepaid = principalRepaid,
        InterestReceived = interestReceived,
    };
}
