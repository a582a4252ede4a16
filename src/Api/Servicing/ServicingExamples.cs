using PrivateLending.Api.Infrastructure.Paging;
using PrivateLending.Api.Loans;
using PrivateLending.Grains.Abstractions.Loans;
using PrivateLending.Grains.Abstractions.Servicing;

namespace PrivateLending.Api.Servicing;

/// <summary>Example values for the servicing operations in the OpenAPI document.</summary>
internal static class ServicingExamples
{
    private static readonly DateOnly DisbursedOn = new(2026, 4, 1);
    private static readonly Guid SecondParticipant = Guid.Parse("0193a1b3-0000-7111-8222-333344446666");
    private static readonly Guid SecondLender = Guid.Parse("0193a1b1-aaaa-7bbb-8ccc-ddddeeee0000");

    public static readonly DisburseLoanRequest Disburse = new(DisbursedOn);

    public static readonly LoanResponse Disbursed = LoanExamples.Loan with
    {
        Status = LoanStatus.Active,
        Version = 5,
        DisbursedOn = DisbursedOn,
        OutstandingPrincipal = 25_000m,
        NextDueDate = DisbursedOn.AddMonths(1),
        NextDueAmount = 766.24m,
    };

    public static readonly ScheduleResponse Schedule = new(
        LoanExamples.LoanId, 766.24m, 2_584.64m,
        [
            new InstallmentResponse(1, DisbursedOn.AddMonths(1), 630.83m, 135.41m, 766.24m, 630.83m, 135.41m, InstallmentStatus.Paid, DisbursedOn.AddMonths(1)),
            new InstallmentResponse(2, DisbursedOn.AddMonths(2), 634.25m, 131.99m, 766.24m, 0m, 0m, InstallmentStatus.Late, null),
        ],
        LoanStatus.Active, 12);

    public static readonly RepaymentRequest Repay = new(766.24m, DisbursedOn.AddMonths(1), "Transfer 4471", null);

    public static readonly RepaymentResponse Repayment = new(
        Guid.Parse("0193a1b4-5555-7666-8777-888899990000"), LoanExamples.LoanId, 766.24m, DisbursedOn.AddMonths(1), 135.41m, 630.83m,
        24_369.17m, LoanStatus.Active,
        [
            new DistributionResponse(LoanExamples.ParticipantId, LoanExamples.LenderId, 252.33m, 54.16m, 306.49m),
            new DistributionResponse(SecondParticipant, SecondLender, 378.50m, 81.25m, 459.75m),
        ],
        false, "Transfer 4471");

    public static readonly PageResponse<RepaymentResponse> Repayments = new([Repayment], 1, false, null);

    public static readonly PageResponse<StatementLineResponse> Statement = new(
        [new(Repayment.RepaymentId, LoanExamples.LoanId, LoanExamples.ParticipantId, 1, DisbursedOn.AddMonths(1), 252.33m, 54.16m, 306.49m,
            "Bea Borrower")],
        1, false, null);

    public static readonly PayoffResponse Payoff = new(DisbursedOn.AddMonths(1).AddDays(10), 24_369.17m, 0m, 24_369.17m);
}
