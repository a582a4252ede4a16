using PrivateLending.Api.Infrastructure.Orleans;
using PrivateLending.Hosting.DataProtection;

namespace PrivateLending.Api.Infrastructure.DataProtection;

/// <summary>The API can call its key-ring grain once the cluster client has connected.</summary>
internal sealed class ClusterClientKeyRingReadiness(ClusterClientReadiness readiness) : IKeyRingReadiness
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromMinutes(2);

    public void EnsureReady()
    {
        // The first key-ring read can come before the client has connected (Data Protection warms up at start);
        // waiting here makes that ordering safe instead of failing the first read.
        if (!readiness.Connected.Wait(ConnectTimeout))
        {
            throw new InvalidOperationException("The Orleans client did not connect in time to load data-protection keys.");
        }
    }

    public Task WaitAsync(CancellationToken cancellationToken) => readiness.Connected.WaitAsync(cancellationToken);
}
