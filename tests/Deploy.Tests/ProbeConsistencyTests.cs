using System.Globalization;
using System.Text.RegularExpressions;
using PrivateLending.Deploy.Tests.Infrastructure;

namespace PrivateLending.Deploy.Tests;

/// <summary>Probes and health checks point at paths the program maps and ports it listens on.</summary>
public sealed partial class ProbeConsistencyTests
{
    private static readonly string[] ProbeKinds = ["startupProbe", "readinessProbe", "livenessProbe"];

    [Fact]
    public async Task KubernetesProbes_HitMappedPathsAndListeningPorts()
    {
        var problems = new List<string>();
        var containers = DeployFiles.K8sContainers();
        Assert.Contains(containers, c => c.App == App.Silo);
        Assert.Contains(containers, c => c.App == App.Api);
        foreach (var container in containers)
        {
            var routes = await AppRoutes.OfAsync(container.App);
            var listening = ListeningPorts(container);
            foreach (var kind in ProbeKinds)
            {
                var probe = container.Container[kind];
                if (!probe.Exists)
                {
                    problems.Add($"{container.Origin}: no {kind}");
                    continue;
                }

                var http = probe["httpGet"];
                var port = ResolvePort(container, (http.Exists ? http : probe["tcpSocket"])["port"].Scalar);
                if (port is null || !listening.Contains(port.Value))
                {
                    problems.Add($"{container.Origin} {kind}: port {port?.ToString(CultureInfo.InvariantCulture) ?? "?"} is not one the program listens on ({string.Join(", ", listening)})");
                }

                if (http.Exists && !routes.Contains(http["path"].Scalar ?? ""))
                {
                    problems.Add($"{container.Origin} {kind}: path {http["path"]} is not mapped by the {container.App}");
                }
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public async Task ApiReadinessAndLiveness_UseTheHealthEndpoints()
    {
        var api = Assert.Single(DeployFiles.K8sContainers(), c => c.App == App.Api);
        Assert.Equal("/health/ready", api.Container["readinessProbe"]["httpGet"]["path"].Scalar);
        Assert.Equal("/health/live", api.Container["livenessProbe"]["httpGet"]["path"].Scalar);
        Assert.Contains("/health/ready", await AppRoutes.OfAsync(App.Api));
    }

    [Fact]
    public async Task ApiDockerHealthCheck_RequestsAMappedPathOnTheListeningPort()
    {
        var path = Path.Combine(DeployFiles.DockerDirectory, "api.Dockerfile");
        var instructions = DeployFiles.Instructions(path).ToList();
        var check = Assert.Single(instructions, i => i.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        var urls = Assert.Single(DeployFiles.DockerfileEnvironment(), e => e.App == App.Api && e.Name == "ASPNETCORE_URLS").Value!;

        var request = HealthCheckRequest().Match(check);
        Assert.True(request.Success, check);
        Assert.Contains(request.Groups["path"].Value, await AppRoutes.OfAsync(App.Api));
        Assert.EndsWith(":" + request.Groups["port"].Value, urls, StringComparison.Ordinal);
    }

    /// <summary>Ports the program listens on, from the settings the container gives it.</summary>
    private static HashSet<int> ListeningPorts(K8sContainer container)
    {
        var env = container.Env.Where(e => e.Value is not null).ToDictionary(e => e.Name, e => e.Value!, StringComparer.OrdinalIgnoreCase);
        var ports = new HashSet<int>();
        foreach (var name in container.App == App.Silo
                     ? new[] { "Cluster__SiloPort", "Cluster__GatewayPort", "Dashboard__Port" }
                     : ["ASPNETCORE_URLS"])
        {
            if (env.TryGetValue(name, out var value) && TrailingPort().Match(value) is { Success: true } match)
            {
                ports.Add(int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture));
            }
        }

        return ports;
    }

    private static int? ResolvePort(K8sContainer container, string? port)
    {
        if (int.TryParse(port, CultureInfo.InvariantCulture, out var number))
        {
            return number;
        }

        var named = container.Container["ports"].List.FirstOrDefault(p => p["name"].Scalar == port);
        return named is null ? null : int.Parse(named["containerPort"].Scalar!, CultureInfo.InvariantCulture);
    }

    [GeneratedRegex(@"(?<port>\d+)$")]
    private static partial Regex TrailingPort();

    [GeneratedRegex(@"/dev/tcp/[\d.]+/(?<port>\d+).*GET (?<path>/\S*) HTTP")]
    private static partial Regex HealthCheckRequest();
}
