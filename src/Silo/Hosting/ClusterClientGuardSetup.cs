using Microsoft.Extensions.Options;
using Orleans;
using PrivateLending.Hosting.Security;

namespace PrivateLending.Silo.Hosting;

/// <summary>Wires <see cref="ClusterClientGuard"/> into a silo.</summary>
public static class ClusterClientGuardSetup
{
    /// <summary>
    /// Adds the incoming guard and, for the silo's own calls, the same outgoing filter the API's client has: code in
    /// a silo that runs outside any grain (hosted services, health checks, the runtime's start-up) calls grains as a
    /// client of its own, so it sends the secret too.
    /// </summary>
    public static ISiloBuilder AddClusterClientGuard(this ISiloBuilder silo)
    {
        ArgumentNullException.ThrowIfNull(silo);
        silo.Services.AddSingleton<IOutgoingGrainCallFilter>(services =>
            new ClusterSecretCallFilter(services.GetRequiredService<IOptions<ClusterSettings>>().Value.ClientSecret));
        return silo.AddIncomingGrainCallFilter<ClusterClientGuard>();
    }
}
