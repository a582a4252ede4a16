using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>The event types a webhook can subscribe to; names are part of the public contract.</summary>
public static class WebhookEventTypes
{
    /// <summary>A borrower created a loan.</summary>
    public const string LoanCreated = "loan.created";
    /// <summary>A lender was invited (at creation or later).</summary>
    public const string LenderInvited = "lender.invited";
    /// <summary>A lender accepted.</summary>
    public const string ParticipantAccepted = "participant.accepted";
    /// <summary>A lender declined.</summary>
    public const string ParticipantDeclined = "participant.declined";
    /// <summary>Accepted contributions reached the amount.</summary>
    public const string LoanFunded = "loan.funded";
    /// <summary>The borrower cancelled the loan.</summary>
    public const string LoanCancelled = "loan.cancelled";
    /// <summary>The loan was still pending at its funding deadline.</summary>
    public const string LoanExpired = "loan.expired";

    /// <summary>Every type, in the order the documentation lists them.</summary>
    public static readonly ImmutableArray<string> All =
        [LoanCreated, LenderInvited, ParticipantAccepted, ParticipantDeclined, LoanFunded, LoanCancelled, LoanExpired];

    /// <summary>True for one of <see cref="All"/> (case-sensitive).</summary>
    public static bool IsKnown(string type) => All.Contains(type, StringComparer.Ordinal);
}
