using System.ComponentModel.DataAnnotations;
using System.Net;
using Microsoft.Extensions.Options;

namespace PrivateLending.Silo.Hosting;

/// <summary>
/// Where this silo listens and which cluster it joins (section <c>Cluster</c>). Not under <c>Orleans</c>: Orleans
/// reads that section itself (<c>Orleans:Clustering</c> names one of its providers), and ours must not clash with it.
/// </summary>
public sealed class ClusterSettings : IValidatableObject
{
    public const string Section = "Cluster";

    [Required]
    public string ClusterId { get; set; } = "privatelending";

    [Required]
    public string ServiceId { get; set; } = "privatelending";

    [Range(1, 65535)]
    public int SiloPort { get; set; } = 11111;

    [Range(1, 65535)]
    public int GatewayPort { get; set; } = 30000;

    /// <summary>How silos find each other: DynamoDB membership (default) or a single silo on this host.</summary>
    public ClusteringMode Mode { get; set; } = ClusteringMode.DynamoDb;

    /// <summary>The address other silos and clients use to reach this silo; loopback when not set.</summary>
    [RegularExpression(@"^[0-9A-Fa-f:.]+$", ErrorMessage = "Cluster:AdvertisedIPAddress must be an IP address.")]
    public string? AdvertisedIPAddress { get; set; }

    /// <summary>
    /// The silo listens on <see cref="AdvertisedIPAddress"/> (in Kubernetes on every interface of its pod). Any
    /// process reaching the gateway can call every grain method, so a public address is refused unless this is true.
    /// </summary>
    public bool AllowPublicAddress { get; set; }

    /// <summary>
    /// The secret Orleans clients (the API) must send with every grain call (see <see cref="ClusterClientGuard"/>);
    /// required outside Development, the same on every silo and API instance.
    /// </summary>
    public string? ClientSecret { get; set; }

    /// <summary>Our settings as they were named before they moved from <c>Orleans</c> to <see cref="Section"/>.</summary>
    private static readonly (string Old, string New)[] Moved =
    [
        ("Orleans:Clustering", "Cluster:Mode"),
        ("Orleans:ClusterId", "Cluster:ClusterId"),
        ("Orleans:ServiceId", "Cluster:ServiceId"),
        ("Orleans:SiloPort", "Cluster:SiloPort"),
        ("Orleans:GatewayPort", "Cluster:GatewayPort"),
        ("Orleans:AdvertisedIPAddress", "Cluster:AdvertisedIPAddress"),
        ("Orleans:AllowPublicAddress", "Cluster:AllowPublicAddress"),
    ];

    /// <summary>
    /// Refuses settings still written under their old <c>Orleans:</c> names: they would be silently ignored (a silo
    /// on default ports, in another cluster) or, for <c>Orleans:Clustering</c>, read by Orleans as a provider name.
    /// </summary>
    public static void RefuseMovedSettings(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var found = Moved.Where(key => configuration[key.Old] is not null).Select(key => $"{key.Old} is now {key.New}").ToList();
        if (found.Count > 0)
        {
            throw new OptionsValidationException(Section, typeof(ClusterSettings), [.. found.Select(f => $"Setting moved: {f} (environment: replace Orleans__ with Cluster__).")]);
        }
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!AllowPublicAddress && IPAddress.TryParse(AdvertisedIPAddress, out var address) && !PrivateAddress.IsPrivate(address))
        {
            yield return new ValidationResult(
                $"Cluster:AdvertisedIPAddress {address} is not a private address: the silo and its gateway would be reachable from "
                + "outside (the gateway is a trust boundary, see docs/security.md). Use a private address, or set Cluster:AllowPublicAddress=true.",
                [nameof(AdvertisedIPAddress)]);
        }
    }
}

/// <summary>Values of <c>Cluster:Mode</c>.</summary>
public enum ClusteringMode
{
    /// <summary>Membership, gateways and reminders in DynamoDB: any number of silos.</summary>
    DynamoDb,

    /// <summary>One silo on loopback, membership in memory (development).</summary>
    Localhost,
}
