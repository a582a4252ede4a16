namespace PrivateLending.Grains.Mail;

/// <summary>One command's invitation mails: queued once, kept as a marker after sending so none is sent twice.</summary>
[GenerateSerializer, Alias("PrivateLending.InvitationMailState")]
public sealed class InvitationMailState
{
    /// <summary>The mails were queued (stays true after sending).</summary>
    [Id(0)] public bool Queued { get; set; }

    /// <summary>The mail server accepted every one.</summary>
    [Id(1)] public bool Sent { get; set; }

    /// <summary>The mails not yet accepted by the mail server.</summary>
    [Id(2)] public List<OutgoingMail> Outbox { get; set; } = [];
}
