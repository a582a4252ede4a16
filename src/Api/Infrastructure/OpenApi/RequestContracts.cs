using PrivateLending.Grains.Abstractions.Loans;
using Microsoft.OpenApi;
using PrivateLending.Api.Auth;
using PrivateLending.Api.Lenders;
using PrivateLending.Api.Loans;
using PrivateLending.Api.Servicing;
using PrivateLending.Api.Webhooks;
using PrivateLending.Grains.Abstractions.Webhooks;
using PrivateLending.Grains.Abstractions.Rules;
using static PrivateLending.Api.Infrastructure.OpenApi.SchemaRules;

namespace PrivateLending.Api.Infrastructure.OpenApi;

/// <summary>How one request member is documented: whether a client must send it, and its rule.</summary>
internal sealed record MemberContract(bool Required, Action<OpenApiSchema> Describe);

/// <summary>
/// What each request body really requires. Request records keep nullable members so that a missing one is a
/// field error (with every other error) rather than a zero, which makes the generated schema call every member
/// required-but-nullable; this table says which members are required and which rule from
/// <c>Grains.Abstractions.Rules</c> bounds each. The validators enforce the same: <see cref="LoanValidation"/>,
/// <see cref="AuthValidation"/>, <see cref="AchDetails"/>.
/// </summary>
internal static class RequestContracts
{
    public static readonly IReadOnlyDictionary<Type, IReadOnlyDictionary<string, MemberContract>> ByType =
        new Dictionary<Type, IReadOnlyDictionary<string, MemberContract>>
        {
            [typeof(CreateLoanRequest)] = new Dictionary<string, MemberContract>
            {
                ["amount"] = Required(s => Money(s, LoanLimits.Amount, "The amount asked for")),
                ["interest_rate"] = Required(s => Rate(s, LoanLimits.InterestRate, "Yearly interest rate in percent")),
                ["term_months"] = Required(s => Integer(s, LoanLimits.TermMonths, "Term in months")),
                ["purpose"] = Required(s => Text(s, LoanLimits.Purpose, "What the money is for")),
                ["lenders"] = Optional(s => SchemaRules.Lenders(s, 0,
                    $"Lenders to invite in the same call (up to {LoanLimits.MaxLendersPerRequest}); leave out to invite later.")),
                ["funding_deadline"] = Optional(s => s.Description =
                    $"When a loan still PENDING becomes EXPIRED (RFC 3339 date-time): in the future and at most {LoanLimits.MaxFundingDays} "
                    + $"days away; leave out for {LoanLimits.DefaultFundingDays} days. An operator may configure a shorter default or maximum."),
            },
            [typeof(UpdateLoanRequest)] = new Dictionary<string, MemberContract>
            {
                ["amount"] = Optional(s => Money(s, LoanLimits.Amount, "New amount")),
                ["interest_rate"] = Optional(s => Rate(s, LoanLimits.InterestRate, "New yearly interest rate in percent")),
                ["term_months"] = Optional(s => Integer(s, LoanLimits.TermMonths, "New term in months")),
                ["purpose"] = Optional(s => Text(s, LoanLimits.Purpose, "New purpose")),
            },
            [typeof(LenderInviteRequest)] = new Dictionary<string, MemberContract>
            {
                ["email"] = Required(s => Email(s, "The lender's email (not the borrower's own)")),
                ["amount"] = Required(s => Money(s, LoanLimits.Contribution, "The contribution asked of the lender")),
            },
            [typeof(CancelLoanRequest)] = new Dictionary<string, MemberContract>
            {
                ["reason"] = Required(s => Text(s, LoanLimits.CancelReason, "Why the loan is cancelled")),
            },
            [typeof(AddLendersRequest)] = new Dictionary<string, MemberContract>
            {
                ["lenders"] = Required(s => SchemaRules.Lenders(s, 1,
                    $"1 to {LoanLimits.MaxLendersPerRequest} lenders, invited all or none.")),
            },
            [typeof(AddLendersBatchRequest)] = new Dictionary<string, MemberContract>
            {
                ["lenders"] = Required(s => SchemaRules.Lenders(s, 1,
                    $"1 to {LoanLimits.MaxLendersPerRequest} lenders, each invited or refused on its own.")),
            },
            [typeof(AcceptInvitationRequest)] = new Dictionary<string, MemberContract>
            {
                ["ach"] = Required(s => s.Description = "The bank account the contribution comes from."),
                ["terms_version"] = Required(s => s.Description =
                    "The terms_version of the invitation or loan the lender read: the acceptance binds to those terms (428 without it, 412 TERMS_CHANGED when they changed since)."),
            },
            [typeof(AchRequest)] = new Dictionary<string, MemberContract>
            {
                ["account_holder"] = Required(s => Text(s, AchLimits.AccountHolder, "The account holder's name")),
                ["routing_number"] = Required(s => Pattern(s, AchLimits.RoutingNumberPattern,
                    $"The {AchLimits.RoutingNumberLength}-digit ABA routing number; its check digit must be valid.")),
                ["account_number"] = Required(s => Pattern(s, AchLimits.AccountNumberPattern,
                    $"{AchLimits.MinAccountNumberLength} to {AchLimits.MaxAccountNumberLength} digits; only the last 4 are ever shown.")),
                ["account_type"] = Required(s => OneOf(s, AchLimits.AccountTypes, "The kind of account.")),
            },
            [typeof(DisburseLoanRequest)] = new Dictionary<string, MemberContract>
            {
                ["disbursed_on"] = Required(s => s.Description = "The day the borrower received the funds (YYYY-MM-DD, UTC), not in the future."),
            },
            [typeof(RepaymentRequest)] = new Dictionary<string, MemberContract>
            {
                ["amount"] = Required(s => s.Description = "What the borrower paid: more than 0, at most 2 decimals, at most what is still owed."),
                ["paid_on"] = Required(s => s.Description = "The payment day (YYYY-MM-DD, UTC): not before the disbursement, not in the future."),
                ["reference"] = Optional(s =>
                {
                    s.MaxLength = RepaymentEndpoints.MaxReferenceLength;
                    s.Description = "The borrower's own reference for the payment (a bank transfer id).";
                }),
                ["payoff"] = Optional(s => s.Description = "Settle the loan early: the amount must be exactly the payoff quote on paid_on."),
            },
            [typeof(RegisterRequest)] = new Dictionary<string, MemberContract>
            {
                ["email"] = Required(s => Email(s, "The sign-in email, one account per address")),
                ["password"] = Required(Password),
                ["name"] = Required(s => Text(s, UserLimits.Name, "The name other users see")),
            },
            [typeof(LoginRequest)] = new Dictionary<string, MemberContract>
            {
                ["email"] = Required(s => s.Description = "The email the account was registered with (any case)."),
                ["password"] = Required(s =>
                {
                    s.Format = "password";
                    s.Description = "The account's password, as typed at registration.";
                }),
            },
            [typeof(CreateWebhookRequest)] = new Dictionary<string, MemberContract>
            {
                ["url"] = Required(s => s.Description = $"Absolute http(s) URL, at most {WebhookValidation.MaxUrlLength} characters; not loopback, link-local or private."),
                ["events"] = Required(s => s.Description = "One or more of: " + string.Join(", ", LoanEvents.All) + "."),
                ["description"] = Optional(s => Text(s, WebhookValidation.Description, "A note for you")),
            },
        };

    private static MemberContract Required(Action<OpenApiSchema> describe) => new(true, describe);

    private static MemberContract Optional(Action<OpenApiSchema> describe) => new(false, describe);
}
