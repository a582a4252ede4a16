using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Providers;
using Orleans.Runtime;
using Orleans.Runtime.Hosting;
using Orleans.Serialization.Serializers;

namespace PrivateLending.Silo.Storage;

/// <summary>Registers <see cref="DynamoDbGrainStorage"/> as a named (keyed) Orleans grain storage provider.</summary>
public static class DynamoDbGrainStorageExtensions
{
    /// <summary>Adds a DynamoDB grain storage provider called <paramref name="name"/>.</summary>
    public static ISiloBuilder AddDynamoDbGrainStorage(this ISiloBuilder builder, string name, Action<DynamoDbStorageOptions> configureOptions) =>
        builder.AddDynamoDbGrainStorage(name, ob => ob.Configure(configureOptions));

    /// <summary>Adds a DynamoDB grain storage provider called <paramref name="name"/>; the options builder can bind configuration.</summary>
    public static ISiloBuilder AddDynamoDbGrainStorage(
        this ISiloBuilder builder, string name, Action<OptionsBuilder<DynamoDbStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.ConfigureServices(services => services.AddDynamoDbGrainStorage(name, configureOptions));
    }

    /// <summary>Adds the DynamoDB grain storage provider used by grains that name no provider.</summary>
    public static ISiloBuilder AddDynamoDbGrainStorageAsDefault(this ISiloBuilder builder, Action<DynamoDbStorageOptions> configureOptions) =>
        builder.AddDynamoDbGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>Adds the DynamoDB grain storage provider used by grains that name no provider; the options builder can bind configuration.</summary>
    public static ISiloBuilder AddDynamoDbGrainStorageAsDefault(this ISiloBuilder builder, Action<OptionsBuilder<DynamoDbStorageOptions>>? configureOptions = null) =>
        builder.AddDynamoDbGrainStorage(ProviderConstants.DEFAULT_STORAGE_PROVIDER_NAME, configureOptions);

    /// <summary>
    /// Service-collection form of <see cref="AddDynamoDbGrainStorage(ISiloBuilder, string, Action{OptionsBuilder{DynamoDbStorageOptions}}?)"/>.
    /// A keyed <see cref="IAmazonDynamoDB"/> registered under <paramref name="name"/> is used instead of a client built from the options.
    /// </summary>
    public static IServiceCollection AddDynamoDbGrainStorage(
        this IServiceCollection services, string name, Action<OptionsBuilder<DynamoDbStorageOptions>>? configureOptions = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrEmpty(name);
        configureOptions?.Invoke(services.AddOptions<DynamoDbStorageOptions>(name));
        services.AddTransient<IConfigurationValidator>(sp => new DynamoDbStorageOptionsValidator(GetOptions(sp, name), name));
        services.ConfigureNamedOptionForLogging<DynamoDbStorageOptions>(name);
        return services.AddGrainStorage(name, Create);
    }

    private static DynamoDbStorageOptions GetOptions(IServiceProvider services, string name) =>
        services.GetRequiredService<IOptionsMonitor<DynamoDbStorageOptions>>().Get(name);

    private static DynamoDbGrainStorage Create(IServiceProvider services, string name) => new(
        name,
        GetOptions(services, name),
        services.GetRequiredService<IOptions<ClusterOptions>>(),
        services.GetRequiredService<IActivatorProvider>(),
        services.GetRequiredService<ILogger<DynamoDbGrainStorage>>(),
        services.GetKeyedService<IAmazonDynamoDB>(name),
        services.GetService<IGrainContextAccessor>());
}
