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
    /// Only the borrower invites, and only once they have proved their own address: invitations mail third parties
    /// with the borrower's name and the loan's purpose. Checked here, by every command that invites, so no route can skip it.
    /// </summary>
    public static void RequireInviter(LoanState loan, Actor actor)
    {
        RequireBorrower(loan, actor);
        RequireVerified(actor, "Confirm your email address first: open the link in the verification mail.");
    }

    /// <summary>An invitation addressed to an email is the business of whoever proved they own that address.</summary>
    public static void RequireVerified(Actor actor, string message)
    {
        ArgumentNullException.ThrowIfNull(actor);
        if (!actor.EmailVerified)
        {
            throw new DomainException(DomainErrorCode.EmailNotVerified, message);
        }
    }

    /// <summary>
    /// Only the account of the invited email may answer an invitation (and, once linked, only that account id).
    /// Anyone else who can see the loan — the borrower, another lender — gets Forbidden.
    /// </summary>
    public static ParticipantState RequireRespondent(LoanState loan, Actor actor, Guid participantId)
    {
        RequireVerified(actor, "Confirm your email address first: invitations are answered by the owner of the address.");
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
