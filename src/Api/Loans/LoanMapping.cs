using System.Collections.Immutable;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Loans;

/// <summary>Grain views → the API's response shapes (snake_case in JSON). Pure, so it is unit-tested on its own.</summary>
internal static class LoanMapping
{
    public static LoanResponse ToResponse(LoanView loan)
    {
        var audit = loan.Audit;
        var servicing = loan.Servicing;
        return new LoanResponse(
            loan.LoanId,
            loan.BorrowerId,
            loan.BorrowerName,
            loan.Terms.Amount,
            loan.Terms.InterestRate,
            loan.Terms.TermMonths,
            loan.Terms.Purpose,
            loan.Status,
            loan.Version,
            Participants(loan.Participants),
            ToResponse(loan.Funding),
            audit.CreatedAt,
            audit.CreatedBy,
            audit.UpdatedAt,
            audit.UpdatedBy,
            audit.DeletedAt,
            audit.DeletedBy,
            audit.DeletionReason,
            loan.FundingDeadline,
            servicing?.DisbursedOn,
            servicing?.OutstandingPrincipal ?? 0m,
            servicing?.RepaidPrincipal ?? 0m,
            servicing?.RepaidInterest ?? 0m,
            servicing?.NextDueDate,
            servicing?.NextDueAmount,
            servicing?.DaysPastDue ?? 0,
            loan.TermsVersion);
    }

    /// <summary>An exact-size array, not a LINQ chain: one allocation per loan.</summary>
    private static ParticipantResponse[] Participants(ImmutableArray<ParticipantView> participants)
    {
        var responses = participants.IsDefaultOrEmpty ? [] : new ParticipantResponse[participants.Length];
        for (var i = 0; i < responses.Length; i++)
        {
            responses[i] = ToResponse(participants[i]);
        }

        return responses;
    }

    public static ParticipantResponse ToResponse(ParticipantView participant) => new(
        participant.ParticipantId,
        participant.LoanId,
        participant.LenderEmail,
        participant.LenderId,
        participant.LenderName,
        participant.ContributionAmount,
        participant.Status,
        participant.InvitedAt,
        participant.RespondedAt,
        participant.Ach is { } ach ? new MaskedAchResponse(ach.AccountHolder, ach.AccountType, ach.AccountLast4) : null,
        participant.AcceptedVersion);

    public static FundingResponse ToResponse(FundingFigures funding) => new(
        funding.TotalInvited,
        funding.TotalFunded,
        funding.FundingPercentage,
        funding.ParticipantCount,
        funding.AcceptedParticipantCount,
        funding.PendingParticipantCount,
        funding.IsFullyFunded,
        funding.AverageContribution,
        funding.LargestContribution,
        funding.SmallestContribution,
        funding.LastFundingUpdate);

    /// <summary>The loan's version as an entity tag, so clients can echo it in If-Match.</summary>
    public static string ETag(long version) => $"\"{version}\"";
}
