using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Common;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Rules;
using PrivateLending.Grains.Common;
using PrivateLending.Grains.Loans.Changes;

namespace PrivateLending.Grains.Loans;

/// <summary>
/// The loan's commands as pure functions over a copy of its state: each checks every rule first and throws
/// <see cref="DomainException"/> before changing anything, then applies the change, bumps the version and adds
/// what happened to <c>changes</c> (one <see cref="LoanChange"/> each): everything else a change causes (audit,
/// history, webhooks, indexes, mail, live events) is projected from those. Access is checked by <see cref="LoanAccess"/>.
/// </summary>
internal static partial class LoanCommands
{
    public static LoanView Create(LoanState loan, Guid loanId, CreateLoan command, DateTimeOffset now, List<LoanChange> changes)
    {
        ArgumentNullException.ThrowIfNull(command.Borrower);
        ArgumentNullException.ThrowIfNull(command.Terms);
        if (!command.Lenders.IsDefaultOrEmpty)
        {
            LoanAccess.RequireVerified(command.Borrower, "Confirm your email address first: open the link in the verification mail.");
        }

        var borrowerEmail = EmailAddress.Normalize(command.Borrower.Email ?? "");
        var terms = command.Terms;
        var errors = new FieldErrors();
        LoanRules.CheckTerms(terms.Amount, terms.InterestRate, terms.TermMonths, terms.Purpose, errors);
        LoanRules.CheckInvites(command.Lenders, 0, borrowerEmail, errors);
        errors.ThrowIfAny();
        LoanRules.CheckNoDuplicates(command.Lenders, []);
        var invites = command.Lenders.IsDefault ? [] : command.Lenders;
        LoanRules.CheckFunding(terms.Amount, 0, invites.Sum(i => i.Amount));

        loan.Exists = true;
        loan.LoanId = loanId;
        loan.BorrowerId = command.Borrower.UserId;
        loan.BorrowerName = command.Borrower.Name?.Trim() ?? "";
        loan.BorrowerEmail = borrowerEmail;
        loan.Amount = terms.Amount;
        loan.InterestRate = terms.InterestRate;
        loan.TermMonths = terms.TermMonths;
        loan.Purpose = terms.Purpose.Trim();
        loan.TermsVersion = 1;
        loan.Status = LoanStatus.Pending;
        loan.FundingDeadline = command.FundingDeadline;
        loan.CreatedAt = now;
        loan.CreatedBy = command.Borrower.UserId;
        Touch(loan, command.Borrower.UserId, now);
        changes.Add(new LoanCreated());
        Invite(loan, invites, now, changes);
        return LoanViews.ToCreated(loan);
    }

    public static LenderAddition AddLenders(LoanState loan, AddLenders command, DateTimeOffset now, List<LoanChange> changes)
    {
        var errors = new FieldErrors();
        LoanRules.CheckInvites(command.Lenders, 1, loan.BorrowerEmail, errors);
        errors.ThrowIfAny();
        RequirePending(loan, "Lenders can only be invited to a pending loan.");
        LoanRules.CheckNoDuplicates(command.Lenders, loan.Participants);
        if (loan.Participants.Count + command.Lenders.Length > LoanLimits.MaxParticipants)
        {
            throw new DomainException(
                DomainErrorCode.Conflict, $"A loan can have at most {LoanLimits.MaxParticipants} participants, declined ones included.");
        }

        LoanRules.CheckFunding(loan.Amount, NonDeclinedSum(loan), command.Lenders.Sum(i => i.Amount));

        Touch(loan, command.Actor.UserId, now);
        var added = Invite(loan, command.Lenders, now, changes);
        return new LenderAddition(
            loan.LoanId, loan.Version, [.. added.Select(p => LoanViews.ToInvited(loan.LoanId, p))],
            LoanViews.Figures(loan));
    }

    /// <summary>Accept (with bank details) or decline; FUNDED exactly when the accepted sum reaches the amount.</summary>
    public static ParticipationResponse Respond(LoanState loan, RespondToInvitation command, bool accept, DateTimeOffset now, List<LoanChange> changes)
    {
        var participant = LoanAccess.RequireRespondent(loan, command.Lender, command.ParticipantId);
        if (accept)
        {
            CheckAch(command.Ach);
        }

        RequirePending(loan, $"The loan is {loan.Status.ToString().ToUpperInvariant()}; invitations can no longer be answered.");
        if (participant.Status != ParticipantStatus.Pending)
        {
            throw new DomainException(
                DomainErrorCode.Conflict, $"This invitation was already {participant.Status.ToString().ToLowerInvariant()}.");
        }

        if (accept)
        {
            CheckTermsVersion(loan, command.TermsVersion);
        }

        var lenderBefore = participant.LenderId;
        participant.Status = accept ? ParticipantStatus.Accepted : ParticipantStatus.Declined;
        participant.RespondedAt = now;
        participant.LenderId ??= command.Lender.UserId;
        participant.LenderName ??= string.IsNullOrWhiteSpace(command.Lender.Name) ? null : command.Lender.Name.Trim();
        if (accept && command.Ach is { } ach)
        {
            // The terms the lender saw: the version before this acceptance.
            participant.AcceptedVersion = loan.Version;
            participant.Ach = new AchState
            {
                Ciphertext = ach.Ciphertext,
                AccountHolder = ach.AccountHolder,
                AccountType = ach.AccountType,
                AccountLast4 = ach.AccountLast4,
            };
        }

        loan.LastFundingUpdate = now;
        var funded = loan.Participants.Where(p => p.Status == ParticipantStatus.Accepted).Sum(p => p.ContributionAmount);
        if (funded == loan.Amount)
        {
            loan.Status = LoanStatus.Funded;
        }

        Touch(loan, command.Lender.UserId, now);
        changes.Add(accept ? new InvitationAccepted(participant.ParticipantId, lenderBefore) : new InvitationDeclined(participant.ParticipantId, lenderBefore));
        if (loan.Status == LoanStatus.Funded)
        {
            changes.Add(new LoanFunded());
        }

        return LoanViews.ToResponse(loan, participant);
    }

    private static List<ParticipantState> Invite(LoanState loan, ImmutableArray<LenderInvite> invites, DateTimeOffset now, List<LoanChange> changes)
    {
        var added = new List<ParticipantState>(invites.Length);
        foreach (var invite in invites)
        {
            var normalized = EmailAddress.Normalize(invite.Email);
            // A re-invited email (after a decline) that is already linked keeps its account.
            var known = loan.Participants.Find(p => p.NormalizedEmail == normalized && p.LenderId is not null);
            var participant = new ParticipantState
            {
                ParticipantId = Guid.CreateVersion7(now),
                Email = invite.Email.Trim(),
                NormalizedEmail = normalized,
                LenderId = known?.LenderId,
                LenderName = known?.LenderName,
                ContributionAmount = invite.Amount,
                Status = ParticipantStatus.Pending,
                InvitedAt = now,
            };
            loan.Participants.Add(participant);
            changes.Add(new LenderInvited(participant.ParticipantId));
            added.Add(participant);
        }

        return added;
    }

    /// <summary>
    /// An acceptance binds the lender to the terms they read: it must name their version, and that must still be the
    /// loan's (other lenders' answers do not move it, a change of terms does).
    /// </summary>
    private static void CheckTermsVersion(LoanState loan, long? seen)
    {
        var current = LoanViews.TermsVersion(loan);
        if (seen is null)
        {
            throw new DomainException(DomainErrorCode.TermsVersionRequired,
                $"Say which terms you accept: send terms_version (the loan's terms are at version {current}).");
        }

        if (seen != current)
        {
            throw new DomainException(DomainErrorCode.TermsChanged,
                $"The terms changed since you read them (terms_version {seen}, now {current}): read the loan again before accepting.");
        }
    }

    private static void CheckAch(ProtectedAch? ach)
    {
        if (ach is null || string.IsNullOrEmpty(ach.Ciphertext) || string.IsNullOrWhiteSpace(ach.AccountHolder)
            || string.IsNullOrWhiteSpace(ach.AccountType) || ach.AccountLast4 is not { Length: 4 } last4 || !last4.All(char.IsAsciiDigit))
        {
            throw DomainException.Invalid("ach", "Bank details are required to accept.");
        }
    }

    private static void RequirePending(LoanState loan, string message)
    {
        if (loan.Status != LoanStatus.Pending)
        {
            throw new DomainException(DomainErrorCode.Conflict, message);
        }
    }

    private static decimal NonDeclinedSum(LoanState loan) =>
        loan.Participants.Where(p => p.Status != ParticipantStatus.Declined).Sum(p => p.ContributionAmount);

    private static void Touch(LoanState loan, Guid by, DateTimeOffset now)
    {
        loan.Version++;
        loan.UpdatedAt = now;
        loan.UpdatedBy = by;
    }
}
