namespace PrivateLending.Silo.Clustering;

/// <summary>
/// A membership write would take the cluster's item past DynamoDB's 400 KB item limit (too many entries, Dead ones
/// included, or an oversized entry). Nothing was written; see docs/clustering.md, "Limits".
/// </summary>
public sealed class MembershipItemTooLargeException : Exception
{
    public MembershipItemTooLargeException() : base("The membership item would exceed DynamoDB's 400 KB item limit.") { }

    public MembershipItemTooLargeException(string message) : base(message) { }

    public MembershipItemTooLargeException(string message, Exception innerException) : base(message, innerException) { }
}
