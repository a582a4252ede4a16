namespace PrivateLending.Grains.Mail;

/// <summary>
/// A plain-text mail waiting in a grain's outbox. <see cref="MessageId"/> is fixed when the mail is queued, so a
/// retry after an unrecorded send carries the same Message-ID and mail clients show it once.
/// </summary>
[GenerateSerializer, Alias("PrivateLending.OutgoingMail")]
public sealed class OutgoingMail
{
    [Id(0)] public string MessageId { get; set; } = "";
    [Id(1)] public string To { get; set; } = "";
    [Id(2)] public string Subject { get; set; } = "";
    [Id(3)] public string Text { get; set; } = "";
}
