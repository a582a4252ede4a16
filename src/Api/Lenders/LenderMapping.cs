using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Loans;

namespace PrivateLending.Api.Lenders;

internal static class LenderMapping
{
    public static InvitationResponse ToResponse(InvitationView invitation) => new(
        LoanMapping.ToResponse(invitation.Participant),
        invitation.BorrowerName,
        invitation.Terms.Amount,
        invitation.Terms.InterestRate,
        invitation.Terms.TermMonths,
        invitation.Terms.Purpose,
        invitation.LoanStatus,
        invitation.PrincipalOutstanding,
        invitation.PrincipalRepaid,
        invitation.InterestReceived,
        invitation.TermsVersion,
        invitation.NextPaymentDue);

    public static LenderAdditionResponse ToResponse(LenderAddition addition) => new(
        addition.LoanId,
        addition.Version,
        addition.Added.IsDefault ? [] : addition.Added.Select(LoanMapping.ToResponse).ToList(),
        LoanMapping.ToResponse(addition.Funding));

    public static ParticipationResultResponse ToResponse(ParticipationResponse response) => new(
        LoanMapping.ToResponse(response.Participant),
        response.Participant.LoanId,
        response.LoanStatus,
        response.LoanVersion,
        LoanMapping.ToResponse(response.Funding));
}
