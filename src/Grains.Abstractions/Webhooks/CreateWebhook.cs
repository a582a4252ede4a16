using System.Collections.Immutable;

namespace PrivateLending.Grains.Abstractions.Webhooks;

/// <summary>Registers an endpoint for <paramref name="OwnerId"/>'s events (URL shape and event names already checked by the API).</summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.CreateWebhook")]
public sealed record CreateWebhook(
    [property: Id(0)] Guid OwnerId,
    [property: Id(1)] string Url,
    [property: Id(2)] ImmutableArray<string> Events,
    [property: Id(3)] string? Description);
