using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Rules;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// Who may do what to a loan. Someone who cannot see the loan (neither its borrower nor a participant) gets
/// NotFound, so a loan's existence never leaks; someone who can see it but may not do this gets Forbidden.
/// </summary>
internal static class LoanAccess
{
    public static bool CanSee(LoanState loan, Guid userId, string? email)
    {
        if (!loan.Exists)
        {
            return false;
        }

        var normalized = string.IsNullOrWhiteSpace(email) ? null : EmailAddress.Normalize(email);
        return userId == loan.BorrowerId || loan.Participants.Exists(p => LoanViews.IsParticipantOf(p, userId, normalized));
    }

    /// <summary>Only the borrower changes terms, cancels or invites.</summary>
    public static void RequireBorrower(LoanState loan, Actor actor)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (loan.Exists && actor.UserId == loan.BorrowerId)
        {
            return;
        }

        throw CanSee(loan, actor.UserId, actor.Email)
            ? new DomainException(DomainErrorCode.Forbidden, "Only the borrower can change this loan.")
            : NotFound();
    }

    /// <summary>
    /// Only the account of the invited email may answer an invitation (and, once linked, only that account id).
    /// Anyone else who can see the loan — the borrower, another lender — gets Forbidden.
    /// </summary>
    public static ParticipantState RequireRespondent(LoanState loan, Actor actor, Guid participantId)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var participant = loan.Exists ? loan.Participants.Find(p => p.ParticipantId == participantId) : null;
        if (participant is not null
            && !string.IsNullOrWhiteSpace(actor.Email)
            && participant.NormalizedEmail == EmailAddress.Normalize(actor.Email)
            && (participant.LenderId is null || participant.LenderId == actor.UserId))
        {
            return participant;
        }

        if (!CanSee(loan, actor.UserId, actor.Email))
        {
            throw NotFound();
        }

        throw participant is null
            ? new DomainException(DomainErrorCode.NotFound, "Participant not found.")
            : new DomainException(DomainErrorCode.Forbidden, "Only the invited lender can respond to this invitation.");
    }

    public static DomainException NotFound() => new(DomainErrorCode.NotFound, "Loan not found.");
}
