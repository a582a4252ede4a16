using Microsoft.Extensions.Options;
using Orleans.Hosting.Kubernetes;

namespace PrivateLending.Silo.Hosting;

/// <summary>Kubernetes hosting, switched on by <see cref="KubernetesSettings.Enabled"/>.</summary>
public static class KubernetesHostingExtensions
{
    /// <summary>Calls <c>UseKubernetesHosting</c> when the settings ask for it; outside Kubernetes it does nothing.</summary>
    public static ISiloBuilder UsePrivateLendingKubernetesHosting(this ISiloBuilder silo, IConfiguration configuration)
    {
        silo.Services.AddOptions<KubernetesSettings>().BindConfiguration(KubernetesSettings.Section)
            .ValidateDataAnnotations().ValidateOnStart();
        var settings = configuration.GetSection(KubernetesSettings.Section).Get<KubernetesSettings>() ?? new();
        if (!settings.Enabled)
        {
            return silo;
        }

        return silo.UseKubernetesHosting(options => options.Configure<IOptions<KubernetesSettings>>((hosting, ours) =>
        {
            hosting.MaxAgents = ours.Value.MaxAgents;
            hosting.DeleteDefunctSiloPods = ours.Value.DeleteDefunctSiloPods;
        }));
    }
}
