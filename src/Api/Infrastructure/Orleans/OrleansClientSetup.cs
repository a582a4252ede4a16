using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PrivateLending.Api.Infrastructure.Configuration;

namespace PrivateLending.Api.Infrastructure.Orleans;

internal static class OrleansClientSetup
{
    /// <summary>
    /// The API is an Orleans client. For now it finds the cluster through a gateway on this host
    /// (<c>Orleans:GatewayPort</c>, like UseLocalhostClustering); the client retries the first connection for a
    /// while before giving up. Options are read from the validated settings when the client starts, not while
    /// wiring, so every configuration source (including a test host's) applies.
    /// </summary>
    public static WebApplicationBuilder AddApiOrleansClient(this WebApplicationBuilder builder)
    {
        builder.UseOrleansClient(client => client.UseStaticClustering(gateways =>
            gateways.Configure<IOptions<OrleansClientSettings>>((options, settings) =>
                options.Gateways = [new IPEndPoint(IPAddress.Loopback, settings.Value.GatewayPort).ToGatewayUri()])));
        builder.Services.AddOptions<ClusterOptions>().Configure<IOptions<OrleansClientSettings>>((options, settings) =>
        {
            options.ClusterId = settings.Value.ClusterId;
            options.ServiceId = settings.Value.ServiceId;
        });
        builder.Services.AddSingleton<ClusterClientReadiness>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClusterClientReadiness>());
        return builder;
    }
}
