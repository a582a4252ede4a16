using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Messaging;

namespace PrivateLending.Clustering;

/// <summary>Lets an Orleans client find the cluster's gateways in the DynamoDB membership table.</summary>
public static class DynamoDbClientClusteringExtensions
{
    /// <summary>Uses <see cref="DynamoDbGatewayListProvider"/>; the options builder can bind configuration.</summary>
    public static IClientBuilder UseDynamoDbClustering(this IClientBuilder builder, Action<OptionsBuilder<DynamoDbClusteringOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        configureOptions?.Invoke(builder.Services.AddOptions<DynamoDbClusteringOptions>());
        builder.Services.AddSingleton<IGatewayListProvider>(services => new DynamoDbGatewayListProvider(
            services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            services.GetRequiredService<IOptions<GatewayOptions>>().Value.GatewayListRefreshPeriod,
            logger: services.GetService<ILogger<DynamoDbGatewayListProvider>>()));
        return builder;
    }
}
