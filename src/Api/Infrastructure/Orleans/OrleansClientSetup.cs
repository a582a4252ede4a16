using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Infrastructure.Orleans;

internal static class OrleansClientSetup
{
    /// <summary>
    /// The API is an Orleans client. For now it finds the cluster through a gateway on this host
    /// (<c>Orleans:GatewayPort</c>); the client retries the first connection for a while before giving up.
    /// </summary>
    public static WebApplicationBuilder AddApiOrleansClient(this WebApplicationBuilder builder)
    {
        // Needed while wiring, before the container exists; the same section is validated again at start-up.
        var settings = builder.Configuration.ReadSettings<OrleansClientSettings>(OrleansClientSettings.Section);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(
            gatewayPort: settings.GatewayPort, serviceId: settings.ServiceId, clusterId: settings.ClusterId));
        builder.Services.AddSingleton<ClusterClientReadiness>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClusterClientReadiness>());
        return builder;
    }
}
