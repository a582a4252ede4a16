namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>
/// One event for one subscriber: <see cref="Id"/> is the Standard Webhooks message id (the same on every retry, so
/// receivers can drop duplicates), <see cref="Payload"/> the exact JSON body that is signed and sent.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.WebhookEvent")]
public sealed record WebhookEvent(
    [property: Id(0)] string Id,
    [property: Id(1)] string Type,
    [property: Id(2)] DateTimeOffset At,
    [property: Id(3)] string Payload);
