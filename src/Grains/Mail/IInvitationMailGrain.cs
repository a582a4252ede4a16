namespace PrivateLending.Grains.Mail;

/// <summary>
/// The invitation mail of one participation (keyed "&lt;loan id&gt;/&lt;participant id&gt;", so no address is in the key).
/// Internal to the silo: only the loan grain calls it, from its outbox. Sends at most one mail per participation,
/// however often the loan re-delivers.
/// </summary>
internal interface IInvitationMailGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues the mail durably on the first call (later calls change nothing) and sends it from a timer. True once
    /// the mail server accepted it; until then the loan keeps the request in its outbox and asks again.
    /// </summary>
    Task<bool> QueueAsync(InvitationMail invitation);
}
