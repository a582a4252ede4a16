using Microsoft.Extensions.Options;
using Orleans.Configuration;
using PrivateLending.Clustering;

namespace PrivateLending.Silo.Clustering;

/// <summary>Registers <see cref="DynamoDbMembershipTable"/> as the silo's membership table.</summary>
public static class DynamoDbSiloClusteringExtensions
{
    /// <summary>Uses DynamoDB clustering (membership and, for clients, gateways); the options builder can bind configuration.</summary>
    public static ISiloBuilder UseDynamoDbClustering(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDbClusteringOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        configureOptions?.Invoke(builder.Services.AddOptions<DynamoDbClusteringOptions>());
        builder.Services.ConfigureFormatter<DynamoDbClusteringOptions>();
        builder.Services.AddSingleton<IMembershipTable>(services => new DynamoDbMembershipTable(
            services.GetRequiredService<IOptions<DynamoDbClusteringOptions>>().Value,
            services.GetRequiredService<IOptions<ClusterOptions>>().Value.ClusterId,
            services.GetRequiredService<ILogger<DynamoDbMembershipTable>>()));
        return builder;
    }
}
