using System.Collections.Immutable;

namespace PrivateLending.Grains.Mail;

/// <summary>
/// The invitation mails of one command's invitations (keyed "&lt;loan id&gt;/&lt;invitation time in ticks&gt;", so no
/// address is in the key): one state item for the 1–20 lenders a command invites, not one per lender. Internal to
/// the silo: only the loan grain calls it, from its outbox. Sends each mail once, however often the loan re-delivers.
/// </summary>
internal interface IInvitationMailGrain : IGrainWithStringKey
{
    /// <summary>
    /// Queues the mails durably on the first call (later calls change nothing) and sends them from a timer. True once
    /// the mail server accepted every one; until then the loan keeps the request in its outbox and asks again.
    /// </summary>
    Task<bool> QueueAsync(ImmutableArray<InvitationMail> invitations);

    /// <summary>
    /// Queues a borrower's servicing mail (a payment reminder or a late notice, keyed
    /// "&lt;loan id&gt;/&lt;notice&gt;/&lt;installment&gt;") the same way: durably on the first call, sent once.
    /// </summary>
    Task<bool> QueueNoticeAsync(ServicingNotice notice);
}
