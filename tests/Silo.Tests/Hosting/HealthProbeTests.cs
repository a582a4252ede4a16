using System.Net;
using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using PrivateLending.Hosting;
using PrivateLending.Hosting.Health;

namespace PrivateLending.Silo.Tests.Hosting;

/// <summary>The shared probes when the grain round trip fails: liveness still 200, readiness 503.</summary>
public sealed class HealthProbeTests
{
    [Fact]
    public async Task Probes_GrainCallFails_LiveOkReadyServiceUnavailable()
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Configuration["Security:EmailKeySecret"] = PrivateLending.TestSupport.TestSecrets.EmailKeySecret;
        builder.AddHostDefaults("probe-test");
        builder.Services.AddSingleton(DispatchProxy.Create<IGrainFactory, UnreachableCluster>());
        await using var app = builder.Build();
        app.MapHealthProbes();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        using var http = new HttpClient { BaseAddress = new Uri(address) };

        using var live = await http.GetAsync(new Uri(HealthDefaults.LivePath, UriKind.Relative));
        using var ready = await http.GetAsync(new Uri(HealthDefaults.ReadyPath, UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Contains("\"status\":\"unhealthy\"", await ready.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await app.StopAsync();
    }

    /// <summary>A grain factory whose every call fails, like a client whose cluster is gone.</summary>
    public class UnreachableCluster : DispatchProxy
    {
        protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) =>
            throw new TimeoutException("no silo answers");
    }
}
