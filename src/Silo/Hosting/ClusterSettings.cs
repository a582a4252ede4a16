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
}
