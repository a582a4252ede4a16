using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Audit;

/// <summary>The record types audit entries are about.</summary>
public static class AuditRecordTypes
{
    /// <summary>A loan.</summary>
    public const string Loan = "loan";
    /// <summary>A lender's participation in a loan.</summary>
    public const string Participant = "participant";
    /// <summary>A user account.</summary>
    public const string User = "user";
    /// <summary>A webhook endpoint.</summary>
    public const string Webhook = "webhook";

    /// <summary>Every record type, for validating filters.</summary>
    public static readonly ImmutableArray<string> All = [Loan, Participant, User, Webhook];
}
