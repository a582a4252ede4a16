using System.Net;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Configuration;
using Orleans.Messaging;
using PrivateLending.Clustering;
using PrivateLending.Api.Infrastructure.Configuration;
using PrivateLending.Hosting.Security;

namespace PrivateLending.Api.Infrastructure.Orleans;

internal static class OrleansClientSetup
{
    /// <summary>The DynamoDB endpoint, credentials and membership table name, shared with the silo's settings.</summary>
    public const string DynamoDbSection = "DynamoDb";

    /// <summary>How often the gateway list is read again, so silos that join are used and dead ones dropped.</summary>
    private static readonly TimeSpan GatewayListRefreshPeriod = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The API is an Orleans client. It finds the silos' gateways in the DynamoDB membership table
    /// (<c>Cluster:Mode</c> = <c>DynamoDb</c>, the default) or uses one gateway on this host
    /// (<c>Static</c>: <c>Cluster:GatewayPort</c>, like UseLocalhostClustering); the client retries the first connection for a
    /// while before giving up. Options are read from the validated settings when the client starts, not while
    /// wiring, so every configuration source (including a test host's) applies.
    /// </summary>
    public static WebApplicationBuilder AddApiOrleansClient(this WebApplicationBuilder builder)
    {
        builder.Services.AddOrleansClient(builder.Configuration, client =>
        {
            client.UseStaticClustering(gateways =>
                gateways.Configure<IOptions<OrleansClientSettings>>((options, settings) =>
                    options.Gateways = [new IPEndPoint(IPAddress.Loopback, settings.Value.GatewayPort).ToGatewayUri()]));
            client.Services.Replace(ServiceDescriptor.Singleton(SelectGatewayListProvider));
            client.UseConnectionRetryFilter<FirstConnectionRetryFilter>();
            // Every grain call carries the cluster's client secret; silos refuse client calls without it.
            client.Services.AddSingleton<IOutgoingGrainCallFilter>(services =>
                new ClusterSecretCallFilter(services.GetRequiredService<IOptions<OrleansClientSettings>>().Value.ClientSecret));
        });
        builder.Services.AddOptions<DynamoDbClusteringOptions>().BindConfiguration(DynamoDbSection);
        builder.Services.Configure<GatewayOptions>(options => options.GatewayListRefreshPeriod = GatewayListRefreshPeriod);
        builder.Services.AddOptions<ClusterOptions>().Configure<IOptions<OrleansClientSettings>>((options, settings) =>
        {
            options.ClusterId = settings.Value.ClusterId;
            options.ServiceId = settings.Value.ServiceId;
        });
        builder.Services.AddSingleton<ClusterClientReadiness>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ClusterClientReadiness>());
        return builder;
    }

    private static IGatewayListProvider SelectGatewayListProvider(IServiceProvider services)
    {
        var settings = services.GetRequiredService<IOptions<OrleansClientSettings>>().Value;
        return settings.Mode == ClientClusteringMode.Static
            ? ActivatorUtilities.CreateInstance<StaticGatewayListProvider>(services)
            : new DynamoDbGatewayListProvider(
                services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value,
                settings.ClusterId,
                services.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod);
    }
}
