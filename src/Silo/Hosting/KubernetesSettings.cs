using System.ComponentModel.DataAnnotations;

namespace PrivateLending.Silo.Hosting;

/// <summary>
/// Running as a Kubernetes pod (section "Kubernetes"). Membership stays in DynamoDB; Kubernetes hosting only names
/// the silo after its pod, advertises the pod IP, labels the pod with the cluster and declares silos dead as soon as
/// their pod is deleted, instead of waiting for missed heartbeats.
/// </summary>
public sealed class KubernetesSettings
{
    public const string Section = "Kubernetes";

    /// <summary>Turn on Kubernetes hosting. Needs <c>POD_NAME</c>, <c>POD_NAMESPACE</c>, <c>POD_IP</c> and RBAC on pods.</summary>
    public bool Enabled { get; set; }

    /// <summary>How many silos watch the Kubernetes API for deleted pods; a few keep the load on the API server low.</summary>
    [Range(1, 100)]
    public int MaxAgents { get; set; } = 2;

    /// <summary>Delete the pod of a silo that membership declared dead (needs the <c>delete</c> verb on pods).</summary>
    public bool DeleteDefunctSiloPods { get; set; }
}
