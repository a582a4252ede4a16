namespace PrivateLending.Grains.Mail;

/// <summary>One participation's invitation mail: queued once, kept as a marker after sending so it is never sent twice.</summary>
[GenerateSerializer, Alias("PrivateLending.InvitationMailState")]
public sealed class InvitationMailState
{
    /// <summary>The mail was queued (stays true after sending).</summary>
    [Id(0)] public bool Queued { get; set; }

    /// <summary>The mail server accepted it.</summary>
    [Id(1)] public bool Sent { get; set; }

    /// <summary>The mail until it is sent.</summary>
    [Id(2)] public List<OutgoingMail> Outbox { get; set; } = [];
}
