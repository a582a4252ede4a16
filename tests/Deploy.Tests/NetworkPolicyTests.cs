using PrivateLending.Deploy.Tests.Infrastructure;

namespace PrivateLending.Deploy.Tests;

/// <summary>
/// deploy/k8s denies every ingress by default and opens the Orleans ports only to our own pods: the silo port to
/// silos, the gateway to the API. Ports are read from the Deployments, so a moved port must move in the policy too.
/// </summary>
public sealed class NetworkPolicyTests
{
    private static readonly List<Node> Policies =
        [.. DeployFiles.K8sObjects().Select(o => o.Doc).Where(o => o["kind"].Scalar == "NetworkPolicy")];

    [Fact]
    public void Namespace_DeniesAllIngressByDefault()
    {
        Assert.Contains(Policies, p => p["spec"]["podSelector"].Exists && p["spec"]["podSelector"].Map.Count == 0
            && p["spec"]["policyTypes"].List.Any(t => t.Scalar == "Ingress") && p["spec"]["ingress"].List.Count == 0);
    }

    [Theory]
    [InlineData("silo", "privatelending-silo")]
    [InlineData("gateway", "privatelending-api")]
    public void SiloPort_AdmittedOnlyFromOurPods(string portName, string onlyFrom)
    {
        var silo = Assert.Single(DeployFiles.K8sContainers(), c => c.App == App.Silo);
        var port = silo.Container["ports"].List.Single(p => p["name"].Scalar == portName)["containerPort"].Scalar;

        var rules = RulesFor("privatelending-silo").Where(r => r["ports"].List.Count == 0 || r["ports"].List.Any(p => p["port"].Scalar == port)).ToList();

        Assert.NotEmpty(rules);
        Assert.All(rules, rule =>
        {
            var from = rule["from"].List;
            Assert.NotEmpty(from); // an empty "from" admits every source
            Assert.All(from, peer =>
            {
                Assert.False(peer["namespaceSelector"].Exists || peer["ipBlock"].Exists, $"port {port} is open beyond the namespace's pods");
                Assert.Equal(onlyFrom, peer["podSelector"]["matchLabels"]["app.kubernetes.io/name"].Scalar);
            });
        });
    }

    [Fact]
    public void Kustomization_AppliesThePolicies()
    {
        var kustomization = Yaml.LoadAll(Path.Combine(DeployFiles.K8sDirectory, "kustomization.yaml")).Single();
        var files = DeployFiles.K8sObjects().Where(o => o.Doc["kind"].Scalar == "NetworkPolicy").Select(o => o.File).Distinct();

        Assert.All(files, file => Assert.Contains(file, kustomization["resources"].List.Select(r => r.Scalar)));
    }

    private static IEnumerable<Node> RulesFor(string app) => Policies
        .Where(p => p["spec"]["podSelector"]["matchLabels"]["app.kubernetes.io/name"].Scalar == app)
        .SelectMany(p => p["spec"]["ingress"].List);
}
