using Microsoft.Extensions.Diagnostics.Metrics;
using PrivateLending.Clustering;

namespace PrivateLending.Silo.Hosting;

/// <summary>The host builder as Orleans should see it: same services, configuration without our <c>Orleans:Clustering</c> mode.</summary>
internal sealed class OrleansHostView(IHostApplicationBuilder inner) : IHostApplicationBuilder
{
    public IDictionary<object, object> Properties => inner.Properties;

    public IConfigurationManager Configuration { get; } = ClusteringModeSetting.HideFromOrleans(inner.Configuration);

    public IHostEnvironment Environment => inner.Environment;

    public ILoggingBuilder Logging => inner.Logging;

    public IMetricsBuilder Metrics => inner.Metrics;

    public IServiceCollection Services => inner.Services;

    public void ConfigureContainer<TContainerBuilder>(IServiceProviderFactory<TContainerBuilder> factory, Action<TContainerBuilder>? configure = null)
        where TContainerBuilder : notnull => inner.ConfigureContainer(factory, configure);
}
