using PrivateLending.Api.Loans;
using PrivateLending.Api.Servicing;
using PrivateLending.Grains.Abstractions.Live;

namespace PrivateLending.Api.Live;

/// <summary>The data of an <c>event: snapshot</c>: the loan as the caller sees it now.</summary>
public sealed record LoanSnapshotMessage(Guid LoanId, long Version, LoanResponse Loan);

/// <summary>
/// The data of an <c>event: funding</c>: what changed (<c>change</c>, the most significant kind; <c>events</c>, the
/// name of every change in this version, the same names as webhooks, history and audit), who it concerned, and the
/// whole loan right after the change (bank details left out). <c>role</c> says how the caller relates to the loan.
/// <c>repayment</c> is the repayment the version applied (null otherwise): the borrower gets every lender's line, a
/// lender only their own.
/// </summary>
public sealed record LoanFundingMessage(
    Guid LoanId,
    long Version,
    FundingChange Change,
    IReadOnlyList<Guid> ParticipantIds,
    DateTimeOffset At,
    LiveRole Role,
    LoanResponse Loan,
    IReadOnlyList<string> Events,
    RepaymentResponse? Repayment = null);

/// <summary>
/// The data of an <c>event: notice</c>: a record that added no loan version, such as the loan agreement
/// (<c>events</c>: <c>agreement.generated</c>, <c>document_id</c>: the agreement's document). <c>version</c> is the
/// loan version it documents, already sent; the loan itself is unchanged, so a client re-reads what the notice
/// concerns (the documents list) rather than the loan. It has no event id.
/// </summary>
public sealed record LoanNoticeMessage(
    Guid LoanId,
    long Version,
    IReadOnlyList<string> Events,
    Guid? DocumentId,
    DateTimeOffset At,
    LiveRole Role);

/// <summary>The data of <c>event: ready</c> on /me/events: subscribed; re-read the dashboard's lists now.</summary>
public sealed record LiveReadyMessage(Guid UserId, DateTimeOffset At);

/// <summary>A ticket for <c>?ticket=</c> on the event-stream endpoints.</summary>
public sealed record EventsTicketResponse(string Ticket, DateTimeOffset ExpiresAt, int ExpiresIn);

/// <summary>How the caller relates to a loan in an event.</summary>
public enum LiveRole
{
    /// <summary>The caller borrows.</summary>
    Borrower = 0,

    /// <summary>The caller was invited to lend.</summary>
    Lender = 1,
}
