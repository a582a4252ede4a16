namespace PrivateLending.Grains.Abstractions.Common;

/// <summary>
/// Who is acting: the authenticated user, and whether they have proved their email address (only then may they
/// invite others, or see and answer invitations addressed to it). Where the request came from travels separately,
/// in the audit context. Ids 3 and 4 were the client address and user agent: never reuse them.
/// </summary>
[GenerateSerializer, Immutable, Alias("PrivateLending.Actor")]
public sealed record Actor(
    [property: Id(0)] Guid UserId,
    [property: Id(1)] string Email,
    [property: Id(2)] string Name,
    [property: Id(5)] bool EmailVerified = false);
