using Orleans.Runtime;

namespace PrivateLending.Grains.Abstractions.Audit;

/// <summary>
/// The Orleans <c>RequestContext</c> keys the API sets for each request and grains read when they record an
/// audit entry. Orleans carries them with every grain call made for that request, including grain-to-grain calls.
/// </summary>
public static class AuditContext
{
    /// <summary>The caller's user id ("N" format).</summary>
    public const string ActorIdKey = "pl.actor";
    /// <summary>The client's IP address as the API saw it.</summary>
    public const string ClientIpKey = "pl.ip";
    /// <summary>The request's User-Agent (truncated).</summary>
    public const string UserAgentKey = "pl.ua";
    /// <summary>Our own request id (the API makes it; never the client's).</summary>
    public const string RequestIdKey = "pl.rid";
    /// <summary>The <c>X-Request-Id</c> the client sent, kept apart from ours.</summary>
    public const string ClientRequestIdKey = "pl.crid";

    /// <summary>The request of the current grain call, or null when the call did not come from an API request.</summary>
    public static AuditRequest? Current()
    {
        var actor = RequestContext.Get(ActorIdKey) as string;
        var ip = RequestContext.Get(ClientIpKey) as string;
        var agent = RequestContext.Get(UserAgentKey) as string;
        var requestId = RequestContext.Get(RequestIdKey) as string;
        var clientRequestId = RequestContext.Get(ClientRequestIdKey) as string;
        if (actor is null && ip is null && agent is null && requestId is null && clientRequestId is null)
        {
            return null;
        }

        return new AuditRequest(Guid.TryParse(actor, out var id) ? id : null, ip, agent, requestId, clientRequestId);
    }

    /// <summary>Sets the keys for the grain calls that follow on this async flow (the API does this per request).</summary>
    public static void Set(Guid? actorId, string? clientIp, string? userAgent, string? requestId, string? clientRequestId)
    {
        Put(ActorIdKey, actorId?.ToString("N"));
        Put(ClientIpKey, clientIp);
        Put(UserAgentKey, userAgent);
        Put(RequestIdKey, requestId);
        Put(ClientRequestIdKey, clientRequestId);
    }

    private static void Put(string key, string? value)
    {
        if (value is null)
        {
            RequestContext.Remove(key);
        }
        else
        {
            RequestContext.Set(key, value);
        }
    }
}
