using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Lenders;

/// <summary>Example values for the lender operations in the OpenAPI document.</summary>
internal static class LenderExamples
{
    public static readonly AddLendersRequest Add = new([new LenderInviteRequest("lena@example.com", 10_000m)]);

    public static readonly LenderAdditionResponse Added = new(LoanExamples.LoanId, 2, [LoanExamples.Participant], LoanExamples.Funding);

    public static readonly AcceptInvitationRequest Accept = new(new AchRequest("Lena Lender", "011000015", "000123456789", "checking"), TermsVersion: 1);

    private static readonly ParticipantResponse AcceptedParticipant = LoanExamples.Participant with
    {
        Status = ParticipantStatus.Accepted,
        RespondedAt = LoanExamples.CreatedAt.AddHours(3),
        Ach = new MaskedAchResponse("Lena Lender", "checking", "6789"),
    };

    public static readonly ParticipationResultResponse Accepted = new(
        AcceptedParticipant, LoanExamples.LoanId, LoanStatus.Pending, 3,
        LoanExamples.Funding with { TotalFunded = 10_000m, FundingPercentage = 40m, AcceptedParticipantCount = 1, PendingParticipantCount = 0, LastFundingUpdate = AcceptedParticipant.RespondedAt });

    public static readonly ParticipationResultResponse Declined = Accepted with
    {
        Participant = LoanExamples.Participant with { Status = ParticipantStatus.Declined, RespondedAt = AcceptedParticipant.RespondedAt },
        Funding = LoanExamples.Funding with { TotalInvited = 0m, PendingParticipantCount = 0, AverageContribution = null, LargestContribution = null, SmallestContribution = null, LastFundingUpdate = AcceptedParticipant.RespondedAt },
    };

    private static readonly InvitationResponse Invitation = new(
        LoanExamples.Participant, "Bea Borrower", 25_000m, 6.5m, 36, "Kitchen renovation", LoanStatus.Pending, TermsVersion: 1);

    public static readonly PageResponse<InvitationResponse> Invitations = new([Invitation], 1, false, null);

    public static readonly PortfolioResponse Portfolio = new(
        [Invitation with { Status = ParticipantStatus.Accepted, RespondedAt = AcceptedParticipant.RespondedAt, Ach = AcceptedParticipant.Ach }],
        1, false, null, 10_000m, 1, 0m, 0m, 0m);
}
