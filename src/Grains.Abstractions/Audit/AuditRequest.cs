namespace PrivateLending.Grains.Abstractions.Audit;

/// <summary>The request a change came from, as the API saw it.</summary>
/// <param name="ActorId">The signed-in caller, if any.</param>
/// <param name="ClientIp">The client's IP address.</param>
/// <param name="UserAgent">The User-Agent header (truncated).</param>
/// <param name="RequestId">Our own id of the request (made by the API, never taken from the client).</param>
/// <param name="ClientRequestId">The <c>X-Request-Id</c> the client sent, if any: the caller's claim, kept apart from ours.</param>
[GenerateSerializer, Immutable, Alias("PrivateLending.AuditRequest")]
public sealed record AuditRequest(
    [property: Id(0)] Guid? ActorId,
    [property: Id(1)] string? ClientIp,
    [property: Id(2)] string? UserAgent,
    [property: Id(3)] string? RequestId,
    [property: Id(4)] string? ClientRequestId = null);
