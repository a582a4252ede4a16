namespace PrivateLending.TestSupport;

/// <summary>Where a test reads the mail an address received, as its owner would: the tests' own receiver or MailDev.</summary>
public interface IMailInbox
{
    /// <summary>The token in the newest verification link sent to <paramref name="address"/>, waiting up to 10 s for it.</summary>
    Task<string> VerificationTokenAsync(string address);

    /// <summary>The subjects of every mail sent to <paramref name="address"/> so far, oldest first.</summary>
    Task<IReadOnlyList<string>> SubjectsAsync(string address);
}
