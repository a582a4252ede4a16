using Orleans;
using Orleans.Placement;
using Orleans.Runtime;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>A test-only grain for the cluster client guard: answers, or calls another probe grain itself.</summary>
public interface IGuardProbeGrain : IGrainWithIntegerKey
{
    Task<string> PingAsync();

    /// <summary>Calls probe <paramref name="target"/> with an empty request context, as a grain's own call would be.</summary>
    Task<string> RelayAsync(long target);
}

// Random placement spreads the probes over both silos, so relays cross from one silo to the other.
[RandomPlacement]
public sealed class GuardProbeGrain : Grain, IGuardProbeGrain
{
    /// <summary>The silo that answered.</summary>
    public Task<string> PingAsync() => Task.FromResult(RuntimeIdentity);

    public Task<string> RelayAsync(long target)
    {
        RequestContext.Clear();
        return GrainFactory.GetGrain<IGuardProbeGrain>(target).PingAsync();
    }
}
