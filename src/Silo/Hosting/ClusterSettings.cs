using System.ComponentModel.DataAnnotations;

namespace PrivateLending.Silo.Hosting;

/// <summary>Where this silo listens and which cluster it joins (section "Orleans").</summary>
public sealed class ClusterSettings
{
    public const string Section = "Orleans";

    [Required]
    public string ClusterId { get; set; } = "privatelending";

    [Required]
    public string ServiceId { get; set; } = "privatelending";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How silos find each other: DynamoDB membership (default) or a single silo on this host.</summary>
    public ClusteringMode Clustering { get; set; } = ClusteringMode.DynamoDb;

    /// <summary>The address other silos and clients use to reach this silo; loopback when not set.</summary>
    [RegularExpression(@"^[0-9A-Fa-f:.]+$", ErrorMessage = "Orleans:AdvertisedIPAddress must be an IP address.")]
    public string? AdvertisedIPAddress { get; set; }
}

/// <summary>Values of <c>Orleans:Clustering</c>.</summary>
public enum ClusteringMode
{
    /// <summary>Membership, gateways and reminders in DynamoDB: any number of silos.</summary>
    DynamoDb,

    /// <summary>One silo on loopback, membership in memory (development).</summary>
    Localhost,
}
