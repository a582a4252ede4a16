using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Hosting;
using Orleans.Hosting.Kubernetes;
using PrivateLending.Silo.Hosting;
using Xunit;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>Kubernetes hosting is switched on only by <c>Kubernetes:Enabled</c>, and takes its options from our settings.</summary>
public sealed class KubernetesHostingTests
{
    [Fact]
    public void UsePrivateLendingKubernetesHosting_NotEnabled_AddsNothing()
    {
        using var host = Build(new Dictionary<string, string?>());

        Assert.Empty(host.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>());
    }

    [Fact]
    public void UsePrivateLendingKubernetesHosting_Enabled_UsesKubernetesHostingWithOurOptions()
    {
        using var host = Build(new Dictionary<string, string?>
        {
            ["Kubernetes:Enabled"] = "true",
            ["Kubernetes:MaxAgents"] = "5",
            ["Kubernetes:DeleteDefunctSiloPods"] = "true",
        });

        var options = new KubernetesHostingOptions();
        foreach (var configure in host.Services.GetServices<IConfigureOptions<KubernetesHostingOptions>>())
        {
            configure.Configure(options);
        }

        Assert.Equal(5, options.MaxAgents);
        Assert.True(options.DeleteDefunctSiloPods);
    }

    private static IHost Build(Dictionary<string, string?> settings)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.UseOrleans(silo => silo.UseLocalhostClustering().UsePrivateLendingKubernetesHosting(builder.Configuration));
        return builder.Build();
    }
}
