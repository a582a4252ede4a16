using Orleans.Concurrency;
using PrivateLending.Grains.Abstractions.Common;

namespace PrivateLending.Grains.Abstractions.Loans;

/// <summary>
/// One loan, the source of truth for its participants and funding. Its changes are serialised (checks and changes
/// never interleave, so the loan can never be over-funded): the hot commands (add lenders, accept, decline) enter
/// the grain at once and queue for one write per batch (group commit), each checked against the state the earlier
/// ones leave; every other change waits for its turn alone. Refusals throw <see cref="DomainException"/>.
/// </summary>
/// <remarks>
/// The hot commands are <c>[AlwaysInterleave]</c> only so that they can join the batch waiting behind a write in
/// flight; the grain's own queue, not Orleans, orders them.
/// </remarks>
public interface ILoanGrain : IGrainWithGuidKey
{
    /// <summary>Creates the loan (and invites any lenders given) in one write; borrower must not invite themselves.</summary>
    Task<CommandResult<LoanView>> CreateAsync(CreateLoan command);

    /// <summary>The loan if it exists and the viewer is its borrower or a participant; otherwise null (404).</summary>
    /// <remarks>
    /// Reads interleave with commands (they never await, so they see the last committed state). Index grains fan out
    /// to loans while loans deliver to index grains; if reads waited behind commands, a lender's page and a loan's
    /// delivery to that lender would wait on each other. Declared per method, so a running read never lets a command in.
    /// </remarks>
    [AlwaysInterleave]
    Task<LoanView?> GetAsync(Viewer viewer);

    /// <summary>Changes terms (borrower only) while no participant has accepted; bumps the version.</summary>
    Task<LoanView> UpdateTermsAsync(UpdateLoanTerms command);

    /// <summary>Soft-deletes a pending loan (borrower only) with a reason.</summary>
    Task<LoanView> CancelAsync(CancelLoan command);

    /// <summary>Invites 1 to <see cref="Rules.LoanLimits.MaxLendersPerRequest"/> lenders, all or none: no duplicates, no self-invite, no over-funding.</summary>
    [AlwaysInterleave]
    Task<CommandResult<LenderAddition>> AddLendersAsync(AddLenders command);

    /// <summary>The invited lender accepts with bank details; the loan becomes FUNDED when accepted sum reaches the amount.</summary>
    [AlwaysInterleave]
    Task<CommandResult<ParticipationResponse>> AcceptAsync(RespondToInvitation command);

    /// <summary>The invited lender declines; the contribution stops counting towards the loan.</summary>
    [AlwaysInterleave]
    Task<CommandResult<ParticipationResponse>> DeclineAsync(RespondToInvitation command);

    /// <summary>One participation as its lender sees it, or null when the loan or participant does not exist.</summary>
    [AlwaysInterleave]
    Task<InvitationView?> GetInvitationAsync(Guid participantId);

    /// <summary>
    /// Invites 1–20 lenders, each checked and added on its own against the loan as the earlier ones left it, in one
    /// write: the result says per lender whether it was created or refused and why.
    /// </summary>
    [AlwaysInterleave]
    Task<CommandResult<LenderBatch>> AddLendersBatchAsync(AddLenders command);

    /// <summary>The loan's versions oldest first (borrower or participant); null when the viewer may not see the loan.</summary>
    [AlwaysInterleave]
    Task<Page<LoanHistoryEntry>?> GetHistoryAsync(Viewer viewer, PageRequest page);

    /// <summary>The loan's funding after each change that moved it, oldest first; null when the viewer may not see the loan.</summary>
    [AlwaysInterleave]
    Task<Page<FundingPoint>?> GetFundingHistoryAsync(Viewer viewer, PageRequest page);

    /// <summary>Records that an invited email now has an account (idempotent).</summary>
    Task LinkLenderAsync(LinkLender command);
}
