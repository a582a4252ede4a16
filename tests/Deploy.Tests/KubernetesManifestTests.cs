using Orleans.Hosting.Kubernetes;
using PrivateLending.Deploy.Tests.Infrastructure;

namespace PrivateLending.Deploy.Tests;

/// <summary>What Orleans' Kubernetes hosting needs from the manifests: pod labels, pod variables and RBAC on pods.</summary>
public sealed class KubernetesManifestTests
{
    [Fact]
    public void SiloPods_CarryTheClusterLabelsOfTheirSettings()
    {
        var silo = Assert.Single(DeployFiles.K8sContainers(), c => c.App == App.Silo);
        var env = silo.Env.ToDictionary(e => e.Name, e => e.Value, StringComparer.Ordinal);
        var labels = silo.Pod["metadata"]["labels"];

        Assert.Equal(env["Cluster__ServiceId"], labels[KubernetesHostingOptions.ServiceIdLabel].Scalar);
        Assert.Equal(env["Cluster__ClusterId"], labels[KubernetesHostingOptions.ClusterIdLabel].Scalar);
        Assert.Equal("true", env["Kubernetes__Enabled"]);
    }

    [Fact]
    public void SiloPods_GetTheirNameNamespaceAndIpFromTheDownwardApi()
    {
        var silo = Assert.Single(DeployFiles.K8sContainers(), c => c.App == App.Silo);
        var fields = silo.Container["env"].List.ToDictionary(e => e["name"].Scalar!, e => e["valueFrom"]["fieldRef"]["fieldPath"].Scalar);

        Assert.Equal("metadata.name", fields[KubernetesHostingOptions.PodNameEnvironmentVariable]);
        Assert.Equal("metadata.namespace", fields[KubernetesHostingOptions.PodNamespaceEnvironmentVariable]);
        Assert.Equal("status.podIP", fields[KubernetesHostingOptions.PodIPEnvironmentVariable]);
    }

    [Fact]
    public void SiloServiceAccount_MayReadLabelAndWatchPods()
    {
        // The hosting agent reads and labels its own pod, lists the cluster's pods and watches them for deletions.
        string[] needed = ["get", "list", "watch", "patch"];
        var objects = DeployFiles.K8sObjects().Select(o => o.Doc).ToList();
        var silo = Assert.Single(DeployFiles.K8sContainers(), c => c.App == App.Silo);
        var account = silo.Pod["spec"]["serviceAccountName"].Scalar;
        Assert.Contains(objects, o => o["kind"].Scalar == "ServiceAccount" && o["metadata"]["name"].Scalar == account);

        var roles = objects.Where(o => o["kind"].Scalar == "RoleBinding"
                && o["subjects"].List.Any(s => s["kind"].Scalar == "ServiceAccount" && s["name"].Scalar == account))
            .Select(binding => binding["roleRef"]["name"].Scalar)
            .ToHashSet();
        var verbs = objects.Where(o => o["kind"].Scalar == "Role" && roles.Contains(o["metadata"]["name"].Scalar))
            .SelectMany(role => role["rules"].List)
            .Where(rule => rule["resources"].List.Any(r => r.Scalar == "pods") && rule["apiGroups"].List.Any(g => g.Scalar == ""))
            .SelectMany(rule => rule["verbs"].List.Select(v => v.Scalar))
            .ToHashSet();

        Assert.All(needed, verb => Assert.Contains(verb, verbs));
        Assert.DoesNotContain("delete", verbs); // Kubernetes:DeleteDefunctSiloPods stays off.
    }

    [Theory]
    [InlineData("Security__EmailKeySecret")]
    [InlineData("Cluster__ClientSecret")]
    public void SharedSecret_SilosAndApiReadTheSameKeyOfOneDefinedSecret(string variable)
    {
        // Silos and API must compute the same email keys (two secrets that could differ would split every account),
        // and the silos must expect the client secret the API sends.
        var references = DeployFiles.K8sContainers()
            .Select(c => (c.App, Ref: Assert.Single(c.Container["env"].List, e => e["name"].Scalar == variable)["valueFrom"]["secretKeyRef"]))
            .ToList();
        var secrets = DeployFiles.K8sObjects().Select(o => o.Doc).Where(o => o["kind"].Scalar == "Secret").ToList();

        Assert.Contains(references, r => r.App == App.Silo);
        Assert.Contains(references, r => r.App == App.Api);
        Assert.Single(references.Select(r => (r.Ref["name"].Scalar, r.Ref["key"].Scalar)).Distinct());
        var (name, key) = (references[0].Ref["name"].Scalar, references[0].Ref["key"].Scalar);
        Assert.Contains(secrets, o => o["metadata"]["name"].Scalar == name && o["stringData"][key!].Exists);
    }

    [Theory]
    [InlineData("Security__EmailKeySecret")]
    [InlineData("Cluster__ClientSecret")]
    public void SharedSecret_ComposeGivesSilosAndApiTheSameValue(string variable)
    {
        var values = DeployFiles.ComposeEnvironment().Where(s => s.Name == variable).ToList();

        Assert.Equal([App.Silo, App.Api], values.Select(v => v.App).Distinct().Order());
        Assert.Single(values.Select(v => v.Value).Distinct());
    }

    [Fact]
    public void Kustomization_ListsExistingFilesAndEveryWorkload()
    {
        var kustomization = Yaml.LoadAll(Path.Combine(DeployFiles.K8sDirectory, "kustomization.yaml")).Single();
        var resources = kustomization["resources"].List.Select(r => r.Scalar!).ToList();

        Assert.All(resources, file => Assert.True(File.Exists(Path.Combine(DeployFiles.K8sDirectory, file)), file));
        Assert.All(DeployFiles.K8sContainers(), c => Assert.Contains(c.Origin.Split(' ')[0], resources));
    }
}
