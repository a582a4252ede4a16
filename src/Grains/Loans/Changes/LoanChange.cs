using PrivateLending.Grains.Abstractions.Live;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans.Changes;

/// <summary>
/// One thing a loan command did, named once from <see cref="LoanEvents"/>. Commands return these; the audit log,
/// the history, webhooks, live events and the indexes are each projected from them (<see cref="LoanProjections"/>),
/// never from a comparison of the state before and after. The set is closed: a new kind of change is a new
/// subclass here, and the abstract members make it say what every projection needs.
/// </summary>
internal abstract record LoanChange
{
    private protected LoanChange()
    {
    }

    /// <summary>The change's one name, shared by every projection.</summary>
    public abstract string Name { get; }

    /// <summary>The participation the change is about; null for the loan itself.</summary>
    public virtual Guid? ParticipantId => null;

    /// <summary>Loan-level news that linked lenders who are still in hear of too (webhooks and their live streams).</summary>
    public virtual bool ConcernsLenders => false;

    /// <summary>What the change is about only lenders still in (not declined) may read: documents. Live news of it skips the others.</summary>
    public virtual bool OnlyForLendersStillIn => false;

    /// <summary>A status change every participation's index entry must show (it carries the loan's status).</summary>
    public virtual bool MovesEveryIndexEntry => false;

    /// <summary>The participation's index entry must show this change.</summary>
    public virtual bool MovesIndexEntry => false;

    /// <summary>The borrower's loan index must list the loan.</summary>
    public virtual bool AddsToBorrowerIndex => false;

    /// <summary>The participation's invitation mail must be sent.</summary>
    public virtual bool SendsInvitation => false;

    /// <summary>Done by the system, not by the user whose command noticed it (a deadline passing).</summary>
    public virtual bool BySystem => false;

    /// <summary>How a live consumer classifies the change; the most significant one of a version names its event.</summary>
    public abstract FundingChange Live { get; }

    /// <summary>The reason the user gave, where the change has one.</summary>
    public virtual string? Reason(LoanState after) => null;

    /// <summary>The fields the change touched, before and after; <paramref name="after"/> is the committed state.</summary>
    public abstract void Describe(LoanState after, ChangedFields fields);
}
