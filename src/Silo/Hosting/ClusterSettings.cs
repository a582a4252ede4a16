using System.ComponentModel.DataAnnotations;
using System.Net;

namespace PrivateLending.Silo.Hosting;

/// <summary>Where this silo listens and which cluster it joins (section "Orleans").</summary>
public sealed class ClusterSettings : IValidatableObject
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

    /// <summary>
    /// The silo listens on <see cref="AdvertisedIPAddress"/> (in Kubernetes on every interface of its pod). Any
    /// process reaching the gateway can call every grain method, so a public address is refused unless this is true.
    /// </summary>
    public bool AllowPublicAddress { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!AllowPublicAddress && IPAddress.TryParse(AdvertisedIPAddress, out var address) && !PrivateAddress.IsPrivate(address))
        {
            yield return new ValidationResult(
                $"Orleans:AdvertisedIPAddress {address} is not a private address: the silo and its gateway would be reachable from "
                + "outside (the gateway is a trust boundary, see docs/security.md). Use a private address, or set Orleans:AllowPublicAddress=true.",
                [nameof(AdvertisedIPAddress)]);
        }
    }
}

/// <summary>Values of <c>Orleans:Clustering</c>.</summary>
public enum ClusteringMode
{
    /// <summary>Membership, gateways and reminders in DynamoDB: any number of silos.</summary>
    DynamoDb,

    /// <summary>One silo on loopback, membership in memory (development).</summary>
    Localhost,
}
