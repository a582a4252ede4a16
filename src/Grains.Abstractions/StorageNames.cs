namespace PrivateLending.Grains.Abstractions;

/// <summary>Names of storage and stream providers, shared by the silo, the grains and the tests.</summary>
public static class StorageNames
{
    /// <summary>The default grain storage provider (also used for pub-sub state).</summary>
    public const string Default = "Default";

    /// <summary>Grain storage for loans.</summary>
    public const string Loans = "Loans";

    /// <summary>Grain storage for users, emails and their dashboard indexes.</summary>
    public const string Users = "Users";

    /// <summary>Storage name Orleans uses for stream pub-sub state.</summary>
    public const string PubSub = "PubSubStore";

    /// <summary>The stream provider that carries funding updates.</summary>
    public const string Streams = "LoanStreams";

    /// <summary>Stream namespace of one loan's changes, keyed by the loan id.</summary>
    public const string LoanStreamNamespace = "loan";

    /// <summary>Stream namespace of the changes to a borrower's loans, keyed by the borrower's user id.</summary>
    public const string BorrowerStreamNamespace = "borrower";

    /// <summary>Stream namespace of the changes to loans that invited an email, keyed by the email's key (<see cref="Users.EmailKeys"/>).</summary>
    public const string InviteeStreamNamespace = "invitee";
}
