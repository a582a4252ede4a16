using Orleans;
using Orleans.Runtime;

namespace PrivateLending.Hosting.Security;

/// <summary>
/// The client's half of <see cref="ClusterClientSecret"/>: puts the secret into the request context of every grain
/// call this client makes (stream subscriptions included). Only on clients: silos never need it for their own calls.
/// Without a secret (Development) it adds nothing.
/// </summary>
public sealed class ClusterSecretCallFilter(string? secret) : IOutgoingGrainCallFilter
{
    public Task Invoke(IOutgoingGrainCallContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return string.IsNullOrEmpty(secret) ? context.Invoke() : InvokeWithSecretAsync(context, secret);
    }

    // Async, so the value stays in this call's context and never lingers in the caller's.
    private static async Task InvokeWithSecretAsync(IOutgoingGrainCallContext context, string secret)
    {
        RequestContext.Set(ClusterClientSecret.RequestContextKey, secret);
        await context.Invoke();
    }
}
