using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Grains.Loans;

/// <summary>Builds what clients see from the stored loan. Figures are always derived, never stored.</summary>
internal static class LoanViews
{
    /// <summary>
    /// The loan as <paramref name="viewerId"/> sees it. The borrower sees every participant's masked bank details;
    /// a lender sees only their own (other lenders' details are none of their business) and other lenders' addresses
    /// masked (<see cref="CoLenderPrivacy"/>; <paramref name="viewerEmail"/> is normalised). Repayment figures are as of
    /// <paramref name="today"/>, or of the last write's day when none is given (views stored in indexes).
    /// </summary>
    public static LoanView ToView(LoanState loan, Guid viewerId, string? viewerEmail = null, DateOnly? today = null)
    {
        var isBorrower = viewerId == loan.BorrowerId;
        var participants = loan.Participants
            .Select(p => ToParticipant(loan.LoanId, p, isBorrower || IsParticipantOf(p, viewerId, viewerEmail)))
            .ToImmutableArray();
        var view = new LoanView(
            loan.LoanId, loan.BorrowerId, loan.BorrowerName, Terms(loan), loan.Status, loan.Version, participants,
            Figures(loan), Audit(loan), loan.FundingDeadline,
            LoanServicing.Figures(loan, today ?? LoanServicing.Today(loan.UpdatedAt), Servicing.DelinquencyRules.Default),
            TermsVersion(loan));
        return isBorrower ? view : CoLenderPrivacy.ForViewer(view, viewerId, viewerEmail);
    }

    /// <summary>The participation as its lender sees it; once disbursed, with the lender's running totals (from the servicing state, never from lines).</summary>
    public static InvitationView ToInvitation(LoanState loan, ParticipantState participant)
    {
        var position = loan.Servicing?.Lenders.Find(l => l.ParticipantId == participant.ParticipantId);
        return new(ToParticipant(loan.LoanId, participant, showAch: true), loan.BorrowerName, Terms(loan), loan.Status,
            position is null ? null : position.Contribution - position.PrincipalReceived, position?.PrincipalReceived, position?.InterestReceived,
            TermsVersion(loan),
            loan.Servicing?.Installments.Find(i => i.Remaining > 0)?.DueDate);
    }

    /// <summary>The terms' version: as stored, or 1 for a loan stored before it was (its terms have not changed since).</summary>
    public static long TermsVersion(LoanState loan) => loan.TermsVersion > 0 ? loan.TermsVersion : 1;

    public static ParticipationResponse ToResponse(LoanState loan, ParticipantState participant) =>
        new(ToParticipant(loan.LoanId, participant, showAch: true), loan.Status, loan.Version, Figures(loan));

    public static ParticipantView ToParticipant(Guid loanId, ParticipantState p, bool showAch) =>
        new(p.ParticipantId, loanId, p.Email, p.LenderId, p.LenderName, p.ContributionAmount, p.Status, p.InvitedAt,
            p.RespondedAt, showAch && p.Ach is { } ach ? new MaskedAch(ach.AccountHolder, ach.AccountType, ach.AccountLast4) : null,
            p.AcceptedVersion);

    /// <summary>
    /// A participant as an invite answers it: never the account of the invited address (its id or name), whether or
    /// not one exists, so inviting cannot be used to learn which addresses have accounts.
    /// </summary>
    public static ParticipantView ToInvited(Guid loanId, ParticipantState p) =>
        ToParticipant(loanId, p, showAch: false) with { LenderId = null, LenderName = null };

    /// <summary>The create answer: the loan as its borrower sees it, its invited participants without accounts (<see cref="ToInvited"/>).</summary>
    public static LoanView ToCreated(LoanState loan) =>
        ToView(loan, loan.BorrowerId) with { Participants = [.. loan.Participants.Select(p => ToInvited(loan.LoanId, p))] };

    public static bool IsParticipantOf(ParticipantState p, Guid userId, string? normalizedEmail) =>
        p.LenderId == userId || (!string.IsNullOrEmpty(normalizedEmail) && p.NormalizedEmail == normalizedEmail);

    /// <summary>
    /// Funding figures. total_invited counts non-declined contributions, total_funded accepted ones.
    /// funding_percentage is rounded toward zero to 2 dp, so it never reads 100 before the loan is FUNDED.
    /// average/largest/smallest are over non-declined contributions (what is still on offer); null when none.
    /// participant_count counts every participant, declined ones too.
    /// </summary>
    public static FundingFigures Figures(LoanState loan)
    {
        var live = loan.Participants.Where(p => p.Status != ParticipantStatus.Declined).ToList();
        var accepted = live.Where(p => p.Status == ParticipantStatus.Accepted).ToList();
        var totalInvited = live.Sum(p => p.ContributionAmount);
        var totalFunded = accepted.Sum(p => p.ContributionAmount);
        var percentage = loan.Amount == 0 ? 0 : Math.Round(totalFunded / loan.Amount * 100, 2, MidpointRounding.ToZero);
        return new FundingFigures(
            totalInvited,
            totalFunded,
            percentage,
            loan.Participants.Count,
            accepted.Count,
            live.Count - accepted.Count,
            loan.Status is LoanStatus.Funded or LoanStatus.Active or LoanStatus.Completed or LoanStatus.Defaulted,
            live.Count == 0 ? null : Math.Round(totalInvited / live.Count, 2, MidpointRounding.AwayFromZero),
            live.Count == 0 ? null : live.Max(p => p.ContributionAmount),
            live.Count == 0 ? null : live.Min(p => p.ContributionAmount),
            loan.LastFundingUpdate);
    }

    private static LoanTerms Terms(LoanState loan) => new(loan.Amount, loan.InterestRate, loan.TermMonths, loan.Purpose);

    private static RecordAudit Audit(LoanState loan) =>
        new(loan.CreatedAt, loan.CreatedBy, loan.UpdatedAt, loan.UpdatedBy, loan.DeletedAt, loan.DeletedBy, loan.DeletionReason);
}
