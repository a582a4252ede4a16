namespace PrivateLending.Grains.Limits;

/// <summary>
/// Daily limits on invitations (configuration section <see cref="Section"/>): invitations mail third parties, so one
/// account may not make the platform mail without bound, and no address gets more invitation mail than a person reads.
/// </summary>
public sealed class InvitationLimitsOptions
{
    public const string Section = "Invitations";

    /// <summary>Invitations one account may make per UTC day, over all its loans and routes; past it 429.</summary>
    public int DailyPerSender { get; set; } = 500;

    /// <summary>
    /// Invitation mails one address receives per UTC day. Past it the invitation is still made (and listed to the lender),
    /// only its mail is not sent.
    /// </summary>
    public int DailyMailsPerRecipient { get; set; } = 20;
}
